/**
 * The page side of search: sends requests to the search worker (index and article parsing, ranking and
 * snippets never block the page) and falls back to running the same handler on the page when a worker
 * cannot start. Only the latest search matters while typing: a superseded one resolves to null instead
 * of a stale list. The pack's articles reach the page as one columns file without their bodies, which the
 * page reads a header of: no object per article is made until a view asks for one.
 */
import {ArticleTable, PAGE_FIELDS} from '../content/article-table.js';
import type {ArticlesSource} from '../content/articles-file.js';
import {yieldToPage} from '../internal/yield-to-page.js';
import {PackError} from '../content/load-pack.js';
import type {PackFileRef} from '../content/pack-types.js';
import type {BrowseFilter, BrowseOrder} from './browse-order.js';
import type {SearchHit} from './build-hits.js';
import type {SearchRequest} from './search-engine.js';
import type {SearchFiles, SearchMessage, SearchReply} from './search-handler.js';

/** A search as the view and the API ask it: the request plus today's date (stale articles are marked). */
export type SearchAsk = SearchRequest & {today: string};

type Pending = {resolve: (v: unknown) => void; reject: (e: Error) => void};
type Send = (msg: SearchMessage) => void;

/** Makes the search worker; null when this environment cannot (the caller then searches on the page). */
export type WorkerFactory = () => Worker | null;

// Omit that distributes over the message union, so each variant keeps its own fields.
type Request = SearchMessage extends infer M ? (M extends SearchMessage ? Omit<M, 'id'> : never) : never;

/** What a request gets once the client is stopped. */
export const SEARCH_STOPPED = 'search: stopped';
const stoppedError = () => new Error(SEARCH_STOPPED);

export class SearchClient {
  private readonly _createWorker: WorkerFactory;
  private _send: Send | null = null;
  private _worker: Worker | null = null;
  private _nextId = 1;
  private readonly _pending = new Map<number, Pending>();
  private _ready: Promise<void> = Promise.reject(new Error('search: no index is loaded'));
  private _load: {manifestUrl: string; files: SearchFiles} | null = null;
  /** A latest-only search in flight, and the one waiting behind it (newer ones replace it). */
  private _rankInFlight = false;
  private _rankWaiting: {
    query: string;
    request: SearchAsk;
    resolve: (v: SearchHit[] | null) => void;
    reject: (e: Error) => void;
  } | null = null;
  /** Where searches run, for diagnostics and tests. */
  mode: 'worker' | 'page' | 'none' = 'none';
  /** Set by dispose(): nothing starts until resume(). */
  private _stopped = false;

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
    else p.reject(reply.code ? new PackError(reply.code, reply.error) : new Error(reply.error));
  };

  private async _startPage(): Promise<void> {
    const {createSearchHandler} = await import('./search-handler.js');
    if (this._stopped) throw stoppedError();
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
    const send = this._send;
    // Stopped meanwhile (the element left the page while a pack was loading): said, not a TypeError.
    if (!send) return Promise.reject(stoppedError());
    const id = this._nextId++;
    return new Promise<T>((resolve, reject) => {
      this._pending.set(id, {resolve: resolve as (v: unknown) => void, reject});
      send({...msg, id} as SearchMessage);
    });
  }

  /** The page-side handler starting (its module loads asynchronously): one, however many ask meanwhile. */
  private _pageStart: Promise<void> | null = null;

  private _start(): Promise<void> {
    if (this._stopped) return Promise.reject(stoppedError());
    if (this._send) return Promise.resolve();
    if (this._pageStart) return this._pageStart;
    if (this._startWorker()) return Promise.resolve();
    // (Reset once started: after dispose() a later start begins anew.)
    return (this._pageStart = this._startPage().finally(() => (this._pageStart = null)));
  }

  /**
   * Starts the worker (or the page's handler) ahead of the first request, so that its script is loaded
   * by the time a pack's manifest says what to load. A failure to start is met again, and handled, by
   * that request.
   */
  prepare(): void {
    if (this._stopped) return;
    this._start().catch(() => undefined);
  }

  /** True once a pack's index was asked for (searches then wait for it rather than failing). */
  get loadRequested(): boolean {
    return this._load !== null;
  }

  /**
   * Loads a pack's index and articles (replacing any previous ones once loaded); resolves when searches
   * can run.
   */
  load(manifestUrl: string, files: SearchFiles): Promise<void> {
    this._load = {manifestUrl, files};
    this._ready = this._start()
      .then(() => this._request<number>({type: 'load', manifestUrl, files}))
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
   * Loads and checks a pack's articles file there (`source`: the network, the copy kept offline, or
   * either) and brings the articles to the page without their HTML: a columns file the worker writes from
   * the one it holds (copying bytes, decoding nothing) and transfers. The page parses only its header, so
   * loading 40k articles makes no object per article there (and no young heap for the collector to copy).
   */
  articles(manifestUrl: string, ref: PackFileRef, source: ArticlesSource): Promise<ArticleTable> {
    return this._start().then(() =>
      this._retrying(async () => {
        const file = await this._request<Uint8Array>({type: 'articles', manifestUrl, ref, source});
        const table = ArticleTable.read(file, PAGE_FIELDS);
        // Reading the header and applying the pack (its first render of 40k articles' lists) would
        // otherwise be one task.
        await yieldToPage();
        return table;
      })
    );
  }

  /**
   * The HTML of article `id` of the articles file `ref` (null when it has none), read where the file is:
   * the page holds the articles without it.
   */
  body(manifestUrl: string, ref: PackFileRef, id: string): Promise<string | null> {
    return this._start().then(() =>
      this._retrying(() => this._request<string | null>({type: 'body', manifestUrl, ref, articleId: id}))
    );
  }

  /** The browse list's groups (the first `limit` ids of each, and how many it holds). */
  async browse(filter: BrowseFilter, limit: number): Promise<BrowseOrder> {
    await this._ready;
    return this._retrying(() => this._request<BrowseOrder>({type: 'browse', filter, limit}));
  }

  /**
   * Results for `query`, best first. With `latestOnly` (typing), at most one such request runs at a time
   * and at most one waits: a newer keystroke replaces the waiting one, which resolves to null. On a large
   * pack a burst of typing therefore costs two searches, not one per key, and results never go backwards.
   */
  async search(query: string, request: SearchAsk, latestOnly = false): Promise<SearchHit[] | null> {
    await this._ready;
    const ask = () => {
      const {today, ...rest} = request;
      return this._request<SearchHit[]>({type: 'search', query, request: rest, today});
    };
    if (!latestOnly) return this._retrying(ask);
    if (this._rankInFlight) {
      this._rankWaiting?.resolve(null);
      return new Promise((resolve, reject) => (this._rankWaiting = {query, request, resolve, reject}));
    }
    this._rankInFlight = true;
    try {
      const result = await this._retrying(ask);
      return this._rankWaiting ? null : result;
    } finally {
      this._rankInFlight = false;
      const next = this._rankWaiting;
      this._rankWaiting = null;
      if (next) this.search(next.query, next.request, true).then(next.resolve, next.reject);
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

  /**
   * Stops the worker and forgets the index: requests in flight or made later reject with "search:
   * stopped", and no worker starts again until {@link resume} (a load then starts over).
   */
  dispose(): void {
    this._stopped = true;
    this._worker?.terminate();
    this._worker = null;
    this._send = null;
    this._load = null;
    this.mode = 'none';
    const waiting = [...this._pending.values()];
    this._pending.clear();
    for (const p of waiting) p.reject(stoppedError());
    this._ready = Promise.reject(new Error('search: no index is loaded'));
    this._ready.catch(() => {});
  }

  /** Lets a disposed client start a worker again (the element came back to the page). */
  resume(): void {
    this._stopped = false;
  }
}
