/**
 * Adapts {@link AgentAssistCore} to a Lit element: loads the core's module after the element's first
 * render (or when a method needs it first), dispatches its public events on the element and asks it to
 * render on every change; connecting and disconnecting start and stop its worker and connection.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {AgentAssistCore, AgentAssistCoreOptions} from '../session/agent-assist-core.js';
import type {SyncAuth} from '../session/api-types.js';
import {checkAuth} from '../session/argument-error.js';
import type {WorkerFactory} from '../search/search-client.js';

/** The module the element loads the core from (and whatever else it wants from the same chunk). */
export interface CoreModule {
  AgentAssistCore: typeof AgentAssistCore;
  createSearchWorker: WorkerFactory;
}

export interface CoreControllerOptions<M extends CoreModule> extends Omit<
  AgentAssistCoreOptions,
  'target' | 'onChange'
> {
  /** Imports the core's module. */
  module(): Promise<M>;
  /** Runs once the core is made, before the element renders with it. */
  onLoad?(core: AgentAssistCore, module: M): void;
}

export class CoreController<M extends CoreModule = CoreModule> implements ReactiveController {
  /** The core, once its module has loaded; null before. */
  core: AgentAssistCore | null = null;
  /** Resolves with the core once it is made (without starting the load: see {@link load}). */
  readonly loaded: Promise<AgentAssistCore>;
  private _resolveLoaded!: (core: AgentAssistCore) => void;
  private _loading: Promise<AgentAssistCore> | null = null;
  private _painted: (() => void) | null = null;
  private readonly _afterFirstPaint: Promise<void>;
  private _connected = false;
  private readonly _host: ReactiveControllerHost & EventTarget;
  private readonly _options: CoreControllerOptions<M>;
  /** Credentials set before the core loaded (checked then), handed to it when it does. */
  private readonly _early: {syncAuth?: SyncAuth | null; qaAuth?: SyncAuth | null} = {};

  constructor(host: ReactiveControllerHost & EventTarget, options: CoreControllerOptions<M>) {
    this._host = host;
    this._options = options;
    this._afterFirstPaint = new Promise<void>((resolve) => (this._painted = resolve));
    this.loaded = new Promise((resolve) => (this._resolveLoaded = resolve));
    host.addController(this);
  }

  /** The core, loading its module on first use (again after a failed load). */
  load(): Promise<AgentAssistCore> {
    this._loading ??= this._options.module().then(
      (module) => {
        const {onLoad, module: _, ...options} = this._options;
        const host = this._host;
        const core = new module.AgentAssistCore({
          createWorker: module.createSearchWorker,
          afterFirstPaint: this._afterFirstPaint,
          ...options,
          target: host,
          onChange: () => host.requestUpdate(),
        });
        // Made while the element is off the page: stopped until it comes back.
        if (!this._connected) core.disconnect();
        if (this._early.syncAuth !== undefined) core.syncAuth = this._early.syncAuth;
        if (this._early.qaAuth !== undefined) core.qaAuth = this._early.qaAuth;
        this.core = core;
        onLoad?.(core, module);
        host.requestUpdate();
        this._resolveLoaded(core);
        return core;
      },
      (err: unknown) => {
        this._loading = null;
        throw err;
      }
    );
    return this._loading;
  }

  /** Credentials for uploads (the core's once it has loaded). */
  get syncAuth(): SyncAuth | null {
    return this.core ? this.core.syncAuth : (this._early.syncAuth ?? null);
  }

  set syncAuth(value: SyncAuth | null) {
    if (this.core) this.core.syncAuth = value;
    else this._early.syncAuth = checkAuth('syncAuth', value);
  }

  /** Credentials for reading the collector (the core's once it has loaded). */
  get qaAuth(): SyncAuth | null {
    return this.core ? this.core.qaAuth : (this._early.qaAuth ?? null);
  }

  set qaAuth(value: SyncAuth | null) {
    if (this.core) this.core.qaAuth = value;
    else this._early.qaAuth = checkAuth('qaAuth', value);
  }

  hostConnected(): void {
    this._connected = true;
    // Re-attached after a removal: the worker was stopped, so the index loads again.
    this.core?.reconnect();
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
    this._connected = false;
    this.core?.disconnect();
  }
}
