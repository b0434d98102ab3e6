/**
 * Runs the upload for the core: starts the uploader for the current `sync-url` (loading its module only
 * then, so a widget without `sync-url` never fetches it), restarts it when the URL changes, stops it when
 * the element leaves the page, and holds the host's `syncAuth`.
 */
import type {SyncState, Uploader, UploaderOptions} from '../sync/uploader.js';
import type {SyncAuth} from './api-types.js';
import {checkAuth} from './argument-error.js';
import type {CallSession} from './call-session.js';

export interface UploadControlOptions {
  dbName: string;
  calls: CallSession;
  tuning?: Pick<UploaderOptions, 'batchSize' | 'timeoutMs' | 'backoff' | 'idleMs'>;
  onState(state: SyncState): void;
  /** The receiver cannot be reached as configured (see {@link UploaderOptions.onMisconfigured}). */
  onMisconfigured(problem: string): void;
}

export class UploadControl {
  private readonly _o: UploadControlOptions;
  private _uploader: Uploader | null = null;
  /** Counts restarts, so a restart overtaken while its module loads does nothing. */
  private _generation = 0;
  private _auth: SyncAuth | null = null;

  constructor(options: UploadControlOptions) {
    this._o = options;
  }

  get auth(): SyncAuth | null {
    return this._auth;
  }

  /** Sets the host's credentials; uploads waiting after a 401/403 try again. */
  set auth(value: SyncAuth | null) {
    this._auth = checkAuth('syncAuth', value);
    this._uploader?.resumeAuth();
  }

  /** What waits and how the last upload went, or null when nothing uploads. */
  get state(): Readonly<SyncState> | null {
    return this._uploader?.state ?? null;
  }

  /** An event was logged, by this tab or another: upload it soon. */
  logged(byThisTab: boolean): void {
    this._uploader?.logged(byThisTab);
  }

  /** Uploads to `url` from now on (null: stops uploading). */
  async restart(url: string | null): Promise<void> {
    const generation = ++this._generation;
    this.stop(false);
    if (!url) return;
    const {Uploader} = await import('../sync/uploader.js');
    if (generation !== this._generation) return;
    const {dbName, calls} = this._o;
    // An in-memory log (storage refused) is this tab's alone: it drains itself.
    const scope = calls.connection.unavailable === null ? dbName : `${dbName}:${crypto.randomUUID()}`;
    this._uploader = new Uploader({
      ...this._o.tuning,
      url,
      open: () => calls.open(),
      lockName: `agent-assist:${scope}:outbox`,
      channelName: `agent-assist:${scope}:uploaded`,
      auth: async () => (this._auth ? ((await this._auth()) ?? null) : null),
      onState: (state) => this._o.onState(state),
      onMisconfigured: (problem) => this._o.onMisconfigured(problem),
    });
    this._uploader.start();
  }

  /** Stops uploading (the drain lock passes to another tab); `cancel` also drops a restart under way. */
  stop(cancel = true): void {
    if (cancel) this._generation++;
    this._uploader?.stop();
    this._uploader = null;
  }
}
