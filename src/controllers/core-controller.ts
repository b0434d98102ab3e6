/**
 * Adapts {@link AgentAssistCore} to a Lit element: the core dispatches its public events on the element
 * and asks it to render on every change; connecting and disconnecting start and stop its worker and
 * connection.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {createSearchWorker} from '../search/create-search-worker.js';
import {AgentAssistCore} from '../session/agent-assist-core.js';
import type {AgentAssistCoreOptions} from '../session/agent-assist-core.js';

export class CoreController implements ReactiveController {
  readonly core: AgentAssistCore;

  constructor(
    host: ReactiveControllerHost & EventTarget,
    options: Omit<AgentAssistCoreOptions, 'target' | 'onChange'> = {}
  ) {
    this.core = new AgentAssistCore({
      createWorker: createSearchWorker,
      ...options,
      target: host,
      onChange: () => host.requestUpdate(),
    });
    host.addController(this);
  }

  hostConnected(): void {
    // Re-attached after a removal: the worker was stopped, so the index loads again.
    this.core.reconnect();
  }

  hostDisconnected(): void {
    this.core.disconnect();
  }
}
