/**
 * The whole public API without any UI: `AgentAssistCore` implements {@link AgentAssistApi} over the
 * content pack, search (in a worker), the call session and the log. `<agent-assist>` renders it and
 * delegates to it; the iframe bridge and host connectors can use it as it is. Every method waits for
 * the settings, and call methods for the resume of an unfinished call after a reload.
 */
import type {AgentAssistSettings} from '../config/parse-attributes.js';
import {DEFAULT_SETTINGS} from '../config/parse-attributes.js';
import type {ContentPack, PackManifest, PackScript, PageArticle} from '../content/pack-types.js';
import {createAaEvent} from '../events/aa-event.js';
import type {AaEventDetailMap, AaEventName} from '../events/aa-event.js';
import {
  ARTICLE_FEEDBACK,
  ARTICLE_OPEN,
  MAX_FEEDBACK_COMMENT,
  SEARCH_SESSION,
} from '../health/knowledge-events.js';
import type {FeedbackRating} from '../health/knowledge-events.js';
import {SearchSessionTracker} from '../health/search-session.js';
import type {AdherenceItem, AdherenceReport} from '../model/report.js';
import {SEARCH_STOPPED, SearchClient} from '../search/search-client.js';
import type {SyncState, UploaderOptions} from '../sync/uploader.js';
import type {WorkerFactory} from '../search/search-client.js';
import type {
  AgentAssistApi,
  CallSnapshot,
  CheckItemOptions,
  CompleteStepOptions,
  EndCallOptions,
  ExportLogOptions,
  ScriptSummary,
  SearchOptions,
  SearchResult,
  StartCallOptions,
  StartCallResult,
  SyncAuth,
  VerifyLogOptions,
  VerifyResult,
} from './api-types.js';
import {callSnapshot, completeMove} from './call-snapshot.js';
import {CallSession} from './call-session.js';
import * as check from './check-args.js';
import {ContentStore} from './content-store.js';
import {QaData} from './qa-data.js';
import {UploadControl} from './upload-control.js';
import {purgeExpired} from './purge-expired.js';
import {today} from '../internal/today.js';
import {checkAuth} from './argument-error.js';

/** Where an article was opened from. */
export type ArticleSource = AaEventDetailMap['aa-article-open']['from'];

/** What a UI does for the core: show an article (and report it opened through `articleOpened`). */
export interface CoreView {
  showArticle(article: PageArticle, from: ArticleSource): Promise<void>;
  /** Asks the agent whether to end a call that would miss `open`; resolves true to end it. */
  confirmEnd?(open: AdherenceItem[]): Promise<boolean>;
}

export interface AgentAssistCoreOptions {
  /** The IndexedDB database of the call log (tests give each their own). Default `agent-assist`. */
  dbName?: string;
  /** Where public events are dispatched (the element); the core itself by default. */
  target?: EventTarget;
  /** The pack used when the settings name none. */
  defaultPackUrl?: string | null;
  /** Starts the search worker; null where none can run (search then runs on the page). */
  createWorker?: WorkerFactory;
  /** Runs after every change a UI shows. */
  onChange?: () => void;
  /** The UI that shows articles for `openArticle()`; without one, an opened article is only reported. */
  view?: CoreView;
  /** Upload tuning (tests make it fast): batch size, request timeout, backoff, idle polling. */
  sync?: Pick<UploaderOptions, 'batchSize' | 'timeoutMs' | 'backoff' | 'idleMs'>;
  /**
   * Resolves once the UI has first painted: the call log (and the storage module, the largest chunk) is
   * opened only then, so the first render never waits for it. Without it, the log opens at configure.
   */
  afterFirstPaint?: Promise<void>;
}

/** Picks the default script for a queue: the agent's language first, then any. */
export function defaultScriptFor(
  scripts: readonly PackScript[],
  queue: string | null,
  lang: string
): PackScript | null {
  if (!queue) return null;
  const forQueue = scripts.filter((s) => s.queues.includes(queue));
  return forQueue.find((s) => s.lang === lang) ?? forQueue[0] ?? null;
}

export class AgentAssistCore extends EventTarget implements AgentAssistApi {
  readonly content: ContentStore;
  readonly calls: CallSession;
  readonly searchClient: SearchClient;
  readonly qa: QaData;
  /** Resolves once the settings are known, the unfinished call (if any) resumed and old calls purged. */
  readonly ready: Promise<{resumed: boolean}>;

  private _settings: AgentAssistSettings = {...DEFAULT_SETTINGS};
  private readonly _target: EventTarget;
  private readonly _defaultPackUrl: string | null;
  private readonly _onChange: () => void;
  private readonly _view: CoreView | null;
  private _configured!: () => void;
  private readonly _whenConfigured: Promise<void>;
  private _started = false;
  private readonly _dbName: string;
  private readonly _upload: UploadControl;
  private _connected = true;
  /** The agent's searches since the last article opened or box cleared. */
  private readonly _searchSession = new SearchSessionTracker();

  constructor(options: AgentAssistCoreOptions = {}) {
    super();
    this._target = options.target ?? this;
    this._defaultPackUrl = options.defaultPackUrl ?? null;
    this._onChange = options.onChange ?? (() => {});
    this._view = options.view ?? null;
    this.searchClient = new SearchClient(options.createWorker ?? (() => null));
    const emit = this.emit.bind(this);
    this._dbName = options.dbName ?? 'agent-assist';
    this.calls = new CallSession({
      dbName: this._dbName,
      emit,
      onChange: this._onChange,
      onLogged: (byThisTab) => this._upload.logged(byThisTab),
    });
    this._upload = new UploadControl({
      dbName: this._dbName,
      calls: this.calls,
      tuning: options.sync,
      onState: (state) => {
        this.emit('aa-sync-state', state);
        this._onChange();
      },
      onMisconfigured: (problem) =>
        this.reportError('sync-misconfigured', `agent-assist: events cannot be uploaded: ${problem}.`),
    });
    this.qa = new QaData(this.calls, this._onChange);
    this.content = new ContentStore({
      onManifest: (url, manifest) => {
        // The index loads in the search worker in parallel with the rest of the pack, not after it.
        if (manifest.contentHash !== this.content.pack?.manifest.contentHash)
          this._loadSearchIndex(url, manifest);
      },
      // The articles are read in the search worker too (it makes results from them), once for both.
      loadArticles: (url, ref, saved) => this.searchClient.articles(url, ref, saved ? 'saved' : 'network'),
      loadBody: (url, ref, id) => this.searchClient.body(url, ref, id),
      onApplied: (pack) =>
        emit('aa-content-update', {
          contentHash: pack.manifest.contentHash,
          appliedAt: new Date().toISOString(),
        }),
      onError: (error) => {
        // The index of the refused pack may have started loading: search the pack still in use.
        const pack = this.content.pack;
        if (pack) this._loadSearchIndex(pack.manifestUrl, pack.manifest);
        this.reportError(error.code, error.message);
      },
      onChange: this._onChange,
      canApply: () => this.calls.call === null,
    });
    this._whenConfigured = new Promise((resolve) => (this._configured = resolve));
    const painted = options.afterFirstPaint ?? Promise.resolve();
    this.ready = Promise.all([this._whenConfigured, painted]).then(async () => {
      const resumed = await this.calls.resume(this._settings.agentId).catch((err: Error) => {
        console.warn(`agent-assist: ${err.message}`);
        return false;
      });
      await purgeExpired(this.calls, this._settings, this.content.pack?.manifest.contentHash ?? '').catch(
        (err: Error) => console.warn(`agent-assist: retention purge failed: ${err.message}`)
      );
      // Upload starts at once on load (events a closed tab left are sent by this one).
      void this._restartUpload();
      return {resumed};
    });
  }

  /**
   * The `Authorization` header value for uploads, as a function called before each request so a
   * short-lived token can be refreshed. Setting it again lets uploads refused with 401/403 try again.
   */
  get syncAuth(): SyncAuth | null {
    return this._upload.auth;
  }

  set syncAuth(value: SyncAuth | null) {
    this._upload.auth = value;
  }

  /** The `Authorization` header value for reading the collector at `qa-url` (a QA token). */
  get qaAuth(): SyncAuth | null {
    return this.qa.auth;
  }

  set qaAuth(value: SyncAuth | null) {
    this.qa.auth = checkAuth('qaAuth', value);
    // Calls refused for want of a token are asked again.
    if (this.qa.remote) void this.qa.refresh();
  }

  /** What waits to be uploaded and how the last upload went (null without `sync-url`). */
  get syncState(): Readonly<SyncState> | null {
    return this._upload.state;
  }

  /** (Re)starts the upload for the current `sync-url` (while connected), or stops it. */
  private _restartUpload(): Promise<void> {
    return this._upload.restart(this._connected && this._started ? this._settings.syncUrl : null);
  }

  /** Fires a public event on the target (bubbling and composed, so a host hears it on `document`). */
  emit<K extends AaEventName>(name: K, detail: AaEventDetailMap[K]): void {
    this._target.dispatchEvent(createAaEvent(name, detail));
  }

  /** Tells the host (console and `aa-error`) about something that went wrong. */
  reportError(code: AaEventDetailMap['aa-error']['code'], message: string): void {
    console.warn(message);
    this.emit('aa-error', {code, message});
  }

  /** The settings in effect. */
  get settings(): Readonly<AgentAssistSettings> {
    return this._settings;
  }

  /** True once {@link configure} has run. */
  get configured(): boolean {
    return this._started;
  }

  /**
   * Applies settings. The first call starts the core: loads the pack, resumes an unfinished call of the
   * agent and purges expired calls. A changed pack URL loads that pack.
   */
  configure(settings: AgentAssistSettings): void {
    const packChanged = !this._started || settings.packUrl !== this._settings.packUrl;
    const syncChanged = this._started && settings.syncUrl !== this._settings.syncUrl;
    this._settings = {...settings};
    this._started = true;
    if (syncChanged) void this.ready.then(() => this._restartUpload());
    void this.qa.setRemote(settings.qaUrl);
    if (packChanged) {
      const url = settings.packUrl ?? this._defaultPackUrl;
      if (url) {
        // The worker's script loads while the manifest is fetched: the index and articles fetches it
        // makes then start as soon as the manifest names them, not after a script load.
        this.searchClient.prepare();
        void this.content.load(url);
      }
    }
    this._configured();
  }

  /** Stops the search worker and lets go of the log (the element left the page). */
  disconnect(): void {
    this._connected = false;
    this._upload.stop();
    this.content.pause();
    this.searchClient.dispose();
    this.calls.dispose();
  }

  /** Starts the search worker again after {@link disconnect}. */
  reconnect(): void {
    if (!this._connected) {
      this._connected = true;
      void this.ready.then(() => this._restartUpload());
    }
    this.searchClient.resume();
    const pack = this.content.pack;
    if (this.searchClient.mode === 'none' && pack) this._loadSearchIndex(pack.manifestUrl, pack.manifest);
    this.content.resume();
  }

  private _loadSearchIndex(manifestUrl: string, manifest: PackManifest): void {
    const {searchIndex, articles} = manifest.files;
    this.searchClient.load(manifestUrl, {searchIndex, articles}).catch(async (err: Error) => {
      // The articles are read once for the page and the index: a bad articles file is the content
      // store's error too, and said once, by it.
      // Stopped because the element left the page: it loads again when it comes back.
      if (err.message === SEARCH_STOPPED) return;
      await this.content.settled;
      if (this.content.error?.message === err.message) return;
      const message = err.message.startsWith('content pack:') ? err.message : `search: ${err.message}`;
      this.reportError('pack-invalid', message);
    });
  }

  /** The loaded pack (waiting for one that is loading); rejects naming `method` when there is none. */
  private async _pack(method: string): Promise<ContentPack> {
    await this._whenConfigured;
    await this.content.settled;
    const pack = this.content.pack;
    if (!pack) throw new Error(`agent-assist: ${method}() failed: no content pack is loaded`);
    return pack;
  }

  /**
   * Runs a call method once the settings are known and the resume is done (so a method right after a
   * reload acts on the resumed call); a failure that is not already a named `agent-assist:` error is
   * prefixed with the method.
   */
  private async _whenReady<T>(method: string, op: () => Promise<T>): Promise<T> {
    await this.ready;
    try {
      return await op();
    } catch (err) {
      throw check.hostError(method, err);
    }
  }

  async startCall(options?: StartCallOptions): Promise<StartCallResult> {
    const {callId, scriptId, context} = check.checkStartCall(options);
    await this._whenReady('startCall', async () => {
      const pack = await this._pack('startCall');
      let script = null;
      if (scriptId !== undefined) {
        script = pack.scripts.find((s) => s.id === scriptId) ?? null;
        if (!script) {
          const ids = pack.scripts.map((s) => `"${s.id}"`).join(', ');
          throw check.argumentError('startCall', `scriptId to be one of ${ids}; got "${scriptId}"`);
        }
      } else {
        script = defaultScriptFor(pack.scripts, this._settings.queue, this._settings.lang);
      }
      await this.calls.start({
        callId,
        agentId: this._settings.agentId,
        script,
        pack,
        queue: this._settings.queue,
        context,
      });
    });
    return {callId};
  }

  async endCall(options?: EndCallOptions): Promise<AdherenceReport> {
    const {outcome, confirm} = check.checkEndCall(options);
    if (confirm && this._view?.confirmEnd) await this._confirmEnd(this._view.confirmEnd.bind(this._view));
    // Searches left open when the call ends were given up; they belong to this call's log.
    this._endSearchSession(null);
    const report = await this._whenReady('endCall', () => this.calls.end(outcome));
    // A newer pack that arrived during the call is applied now, between calls.
    this.content.applyPending();
    return report;
  }

  /** Asks the agent once, listing what would be missed; rejects (`end-cancelled`) when they go back. */
  private async _confirmEnd(ask: (open: AdherenceItem[]) => Promise<boolean>): Promise<void> {
    await this._whenReady('endCall', async () => {});
    const open = this.calls.previewReport()?.items.filter((i) => i.status === 'missed') ?? [];
    if (open.length === 0 || (await ask(open))) return;
    const error = new Error(
      `agent-assist: endCall() was cancelled: the agent went back to the call (${open.length} ${open.length === 1 ? 'item' : 'items'} still open)`
    ) as Error & {code?: string};
    error.code = 'end-cancelled';
    throw error;
  }

  async setContext(context: Record<string, unknown>): Promise<void> {
    const checked = check.checkContext(context);
    await this._whenReady('setContext', () => this.calls.setContext(checked));
  }

  async search(query: string, options?: SearchOptions): Promise<SearchResult[]> {
    const {limit, filters} = check.checkSearch(query, options);
    await this._whenConfigured;
    // Searches need the index (results are made in the worker), not the rest of the pack: they wait for
    // the pack only until its index is asked for.
    if (!this.searchClient.loadRequested) {
      await Promise.race([this.content.settled, this.content.manifestSeen]);
      if (!this.searchClient.loadRequested) await this._pack('search');
    }
    const hits = await this.searchClient.search(query, {
      limit,
      filters,
      preferLang: this._settings.lang,
      today: today(),
    });
    return (hits ?? []).map(({snippetParts: _parts, ...hit}) => hit);
  }

  async listScripts(): Promise<ScriptSummary[]> {
    const pack = await this._pack('listScripts');
    return pack.scripts.map((s) => ({id: s.id, title: s.title, lang: s.lang, queues: [...s.queues]}));
  }

  async openArticle(id: string): Promise<void> {
    const articleId = check.checkArticleId(id);
    await this._pack('openArticle');
    const article = this.content.articlesById.get(articleId);
    if (!article)
      throw check.argumentError(
        'openArticle',
        `the id of an article in the loaded pack; "${articleId}" is not one`
      );
    if (this._view) await this._view.showArticle(article, 'api');
    else this.articleOpened(article.id, 'api');
  }

  /**
   * An article was shown (by the API or the agent): logged (with the running call, else between calls),
   * and `aa-article-open`. Opened from search, it ends the search session with it; opened any other way,
   * the searches typed before it were given up.
   */
  articleOpened(articleId: string, from: ArticleSource): void {
    this._endSearchSession(from === 'search' ? articleId : null);
    this._noteKnowledge(ARTICLE_OPEN, {articleId, from});
    this.emit('aa-article-open', {articleId, from});
  }

  /**
   * A search typed in the view ran: its result count is logged with the running call, and the query joins
   * the search session (logged, with its text, when the session ends: never the host's context).
   */
  searched(query: string, resultCount: number): void {
    this._searchSession.searched(query, resultCount);
    void this.calls.note('search', {resultCount}).catch(() => {});
    this.emit('aa-search', {query, resultCount});
  }

  /** The agent cleared the search box: the session's searches were given up. */
  searchCleared(): void {
    this._endSearchSession(null);
  }

  /**
   * The agent's feedback on an article (the article view's keys): logged (with the call, else between
   * calls), then `aa-article-feedback`. Rejects when it could not be logged.
   */
  async articleFeedback(articleId: string, rating: FeedbackRating, comment = ''): Promise<void> {
    const text = comment.trim().slice(0, MAX_FEEDBACK_COMMENT);
    const detail = {articleId, rating, ...(text ? {comment: text} : {})};
    await this.ready;
    await this.calls.noteKnowledge(ARTICLE_FEEDBACK, detail, this._outside());
    this.emit('aa-article-feedback', detail);
  }

  /** Whose a knowledge signal logged between calls is. */
  private _outside(): {agentId: string; packVersion: string} {
    return {agentId: this._settings.agentId, packVersion: this.content.pack?.manifest.contentHash ?? ''};
  }

  private _noteKnowledge(type: string, data: Record<string, unknown>): void {
    void this.calls.noteKnowledge(type, data, this._outside()).catch(() => {});
  }

  /** Logs the search session, if one was typed, as ended with `articleId` opened (null: given up). */
  private _endSearchSession(articleId: string | null): void {
    const session = this._searchSession.end(articleId);
    if (session) this._noteKnowledge(SEARCH_SESSION, {...session});
  }

  async completeStep(options?: CompleteStepOptions): Promise<void> {
    const checked = check.checkCompleteStep(options);
    // The move is made on the step current when its turn in the call's queue comes.
    await this._whenReady('completeStep', () =>
      this.calls.move((state) => completeMove(state, checked), 'completeStep')
    );
  }

  async checkItem(itemId: string, options?: CheckItemOptions): Promise<void> {
    const {itemId: id, source} = check.checkCheckItem(itemId, options);
    await this._whenReady('checkItem', () => this.calls.markItem(id, {type: 'check', source}, 'checkItem'));
  }

  async skipItem(itemId: string, reason: string): Promise<void> {
    const checked = check.checkSkipItem(itemId, reason);
    await this._whenReady('skipItem', () =>
      this.calls.markItem(checked.itemId, {type: 'skip', reason: checked.reason}, 'skipItem')
    );
  }

  async getCall(): Promise<CallSnapshot | null> {
    await this.ready;
    const state = this.calls.state;
    return state ? callSnapshot(state, this.calls.readOnly) : null;
  }

  async exportLog(options?: ExportLogOptions): Promise<Blob> {
    const {format, since, until} = check.checkExportLog(options);
    return this._whenReady('exportLog', async () => {
      const {logFileBlob} = await import('../qa/log-file.js');
      const {db, storage} = await this.calls.open();
      const picked = await storage.selectForExport(db, {since, until});
      // CSV: the events in the range; JSON: every call touching it, whole.
      return logFileBlob(format, picked.calls, picked.events, picked.inRange);
    });
  }

  async verifyLog(options?: VerifyLogOptions): Promise<VerifyResult> {
    const {callId} = check.checkVerifyLog(options);
    return this._whenReady('verifyLog', async () => {
      const {db, storage} = await this.calls.open();
      return storage.verifyLogChains(db, callId);
    });
  }

  async refreshContent(): Promise<void> {
    await this._whenConfigured;
    const url = this._settings.packUrl ?? this._defaultPackUrl;
    if (!url) throw new Error('agent-assist: refreshContent() needs a pack-url attribute');
    await this.content.load(url);
  }
}
