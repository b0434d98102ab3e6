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
  private _painted: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost & EventTarget,
    options: Omit<AgentAssistCoreOptions, 'target' | 'onChange'> = {}
  ) {
    const afterFirstPaint = new Promise<void>((resolve) => (this._painted = resolve));
    this.core = new AgentAssistCore({
      createWorker: createSearchWorker,
      afterFirstPaint,
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

  hostUpdated(): void {
    const painted = this._painted;
    if (!painted) return;
    this._painted = null;
    // After the next frame (the first render painted), plus a task: the resume check and its storage
    // chunk are not on the first paint's path. (Background tabs throttle frames: a timeout covers them.)
    const release = () => setTimeout(painted, 0);
    if (typeof requestAnimationFrame === 'function') {
      const fallback = setTimeout(painted, 100);
      requestAnimationFrame(() => (clearTimeout(fallback), release()));
    } else release();
  }

  hostDisconnected(): void {
    this.core.disconnect();
  }
}
