/**
 * The page side of search: sends requests to the search worker (index parsing and ranking never block
 * the page) and falls back to running the same handler on the page when a worker cannot start. Only the
 * latest rank request matters while typing: a superseded one resolves to null instead of a stale list.
 */
import type {PackFileRef} from '../content/pack-types.js';
import type {RankedHit, SearchRequest} from './search-engine.js';
import type {SearchMessage, SearchReply} from './search-handler.js';

type Pending = {resolve: (v: unknown) => void; reject: (e: Error) => void};
type Send = (msg: SearchMessage) => void;

/** Makes the search worker; null when this environment cannot (the caller then searches on the page). */
export type WorkerFactory = () => Worker | null;

// Omit that distributes over the message union, so each variant keeps its own fields.
type Request = SearchMessage extends infer M ? (M extends SearchMessage ? Omit<M, 'id'> : never) : never;

export class SearchClient {
  private readonly _createWorker: WorkerFactory;
  private _send: Send | null = null;
  private _worker: Worker | null = null;
  private _nextId = 1;
  private readonly _pending = new Map<number, Pending>();
  private _ready: Promise<void> = Promise.reject(new Error('search: no index is loaded'));
  private _load: {manifestUrl: string; ref: PackFileRef} | null = null;
  /** A latest-only rank request in flight, and the one waiting behind it (newer ones replace it). */
  private _rankInFlight = false;
  private _rankWaiting: {
    query: string;
    request: SearchRequest;
    resolve: (v: RankedHit[] | null) => void;
    reject: (e: Error) => void;
  } | null = null;
  /** Where searches run, for diagnostics and tests. */
  mode: 'worker' | 'page' | 'none' = 'none';

  constructor(createWorker: WorkerFactory) {
    this._createWorker = createWorker;
    // The initial rejection is only meaningful to callers that await it.
    this._ready.catch(() => {});
  }

  private _onReply = (reply: SearchReply) => {
    const p = this._pending.get(reply.id);
    if (!p) return;
    this._pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new Error(reply.error));
  };

  private async _startPage(): Promise<void> {
    const {createSearchHandler} = await import('./search-handler.js');
    const handle = createSearchHandler();
    this._send = (msg) => void handle(msg).then(this._onReply);
    this.mode = 'page';
  }

  private _startWorker(): boolean {
    let worker: Worker | null = null;
    try {
      worker = this._createWorker();
    } catch {
      worker = null;
    }
    if (!worker) return false;
    this._worker = worker;
    worker.addEventListener('message', (e: MessageEvent<SearchReply>) => this._onReply(e.data));
    worker.addEventListener('error', (e) => {
      // A worker that fails to start (blocked by CSP, script missing) moves search onto the page.
      e.preventDefault();
      console.warn(
        `agent-assist: search worker failed (${e.message || 'could not start'}); searching on the page`
      );
      this._fallBack();
    });
    this._send = (msg) => worker!.postMessage(msg);
    this.mode = 'worker';
    return true;
  }

  private _fallBack(): void {
    this._worker?.terminate();
    this._worker = null;
    const waiting = [...this._pending.values()];
    this._pending.clear();
    this._send = null;
    const load = this._load;
    this._ready = this._startPage().then(async () => {
      if (load) await this._request({type: 'load', ...load});
    });
    // Requests caught mid-flight are answered by the page instance once it has loaded.
    for (const p of waiting) p.reject(new Error('search: retry'));
  }

  private _request<T>(msg: Request): Promise<T> {
    const id = this._nextId++;
    return new Promise<T>((resolve, reject) => {
      this._pending.set(id, {resolve: resolve as (v: unknown) => void, reject});
      this._send!({...msg, id} as SearchMessage);
    });
  }

  /** Loads a pack's index (replacing any previous one once loaded); resolves when searches can run. */
  load(manifestUrl: string, ref: PackFileRef): Promise<void> {
    this._load = {manifestUrl, ref};
    const start = this._send
      ? Promise.resolve()
      : this._startWorker()
        ? Promise.resolve()
        : this._startPage();
    this._ready = start
      .then(() => this._request<number>({type: 'load', manifestUrl, ref}))
      .then(
        () => undefined,
        async (err: Error) => {
          if (err.message !== 'search: retry') throw err;
          await this._ready;
        }
      );
    return this._ready;
  }

  /** Resolves once the current index is loaded (rejects if it failed). */
  get ready(): Promise<void> {
    return this._ready;
  }

  /**
   * Ranked ids for `query`. With `latestOnly` (typing), at most one such request runs at a time and at
   * most one waits: a newer keystroke replaces the waiting one, which resolves to null. On a large pack a
   * burst of typing therefore costs two searches, not one per key, and results never go backwards.
   */
  async rank(query: string, request: SearchRequest, latestOnly = false): Promise<RankedHit[] | null> {
    await this._ready;
    if (!latestOnly) return this._retrying(() => this._request<RankedHit[]>({type: 'rank', query, request}));
    if (this._rankInFlight) {
      this._rankWaiting?.resolve(null);
      return new Promise((resolve, reject) => (this._rankWaiting = {query, request, resolve, reject}));
    }
    this._rankInFlight = true;
    try {
      const result = await this._retrying(() => this._request<RankedHit[]>({type: 'rank', query, request}));
      return this._rankWaiting ? null : result;
    } finally {
      this._rankInFlight = false;
      const next = this._rankWaiting;
      this._rankWaiting = null;
      if (next) this.rank(next.query, next.request, true).then(next.resolve, next.reject);
    }
  }

  /** "Did you mean" suggestions. */
  async suggest(query: string): Promise<string[]> {
    await this._ready;
    return this._retrying(() => this._request<string[]>({type: 'suggest', query}));
  }

  private async _retrying<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if ((err as Error).message !== 'search: retry') throw err;
      await this._ready;
      return call();
    }
  }

  /** Stops the worker. */
  dispose(): void {
    this._worker?.terminate();
    this._worker = null;
    this._send = null;
  }
}
