/**
 * `<agent-assist>`, the root element: parses its attributes, owns the shell (header, section tabs, panels)
 * and exposes the public methods of the contract. It renders and forwards; logic lives in pure modules.
 */
import {html, LitElement} from 'lit';
import type {PropertyValues} from 'lit';
import {
  DEFAULT_AGENT_ID,
  parseAgentId,
  parseHttpUrl,
  parseLang,
  parseQueue,
  parseRetentionDays,
  parseSection,
  parseTheme,
  SECTIONS,
} from '../../config/parse-attributes.js';
import type {AttributeProblem, Section, Theme, UiLang} from '../../config/parse-attributes.js';
import type {QaFilter} from '../../qa/qa-types.js';
import type {AaChecklistView, ItemAction} from '../checklist-view/checklist-view.js';
import type {PackArticle, PackFileRef} from '../../content/pack-types.js';
import {buildHits} from '../../search/build-hits.js';
import type {SearchHit} from '../../search/build-hits.js';
import {createSearchWorker} from '../../search/create-search-worker.js';
import {SearchClient} from '../../search/search-client.js';
import type {ScriptMove} from '../../scripting/types.js';
import type {AaKnowledgePanel, ArticleSource} from '../knowledge-panel/knowledge-panel.js';
import type {AaScriptView} from '../script-view/script-view.js';
import {CallController, defaultScriptFor} from '../../controllers/call-controller.js';
import type {LiveItem} from '../../controllers/call-controller.js';
import {ContentPackController} from '../../controllers/content-pack-controller.js';
import {OnlineStatusController} from '../../controllers/online-status-controller.js';
import {createAaEvent} from '../../events/aa-event.js';
import {NEARLY_FULL} from '../../storage/storage-health.js';
import type {AaErrorCode} from '../../events/aa-event.js';
import {uiStrings} from '../../i18n/strings.js';
import {componentStyles} from '../../styles/component.styles.js';
import {tokenStyles} from '../../styles/tokens.styles.js';
import {agentAssistStyles} from './agent-assist.styles.js';
import type {QaCall} from '../../model/call-log.js';
import type {AdherenceReport} from '../../model/report.js';

const today = () => new Date().toISOString().slice(0, 10);

/** ISO time or date for `exportLog`'s `since`/`until`. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** The pseudo-call whose chain logs maintenance (retention purges) rather than a customer call. */
export const MAINTENANCE_CALL_ID = 'log-maintenance';

/** The inner elements defined after the first render or on first use (by the widget's entry). */
export type LazyTag = 'aa-script-view' | 'aa-checklist-view' | 'aa-qa-view';

/** Defines the call views (a no-op once done, or where the entry did not set a loader). */
function defineCallViews(): Promise<unknown> {
  return Promise.all([
    AgentAssist.defineLazy?.('aa-script-view'),
    AgentAssist.defineLazy?.('aa-checklist-view'),
  ]);
}

/** Settings after parsing; what the rest of the widget reads instead of raw attributes. */
export interface AgentAssistSettings {
  agentId: string;
  lang: UiLang;
  theme: Theme;
  queue: string | null;
  /** Absolute URL of the content pack manifest, or null for the one next to the script. */
  packUrl: string | null;
  syncUrl: string | null;
  /** Purge ended calls older than this many days (null: keep everything). */
  retentionDays: number | null;
}

/**
 * Knowledge search, call scripts and compliance checklists for a contact-center agent.
 *
 * @summary The embeddable agent-assist widget.
 * @fires aa-error - Something the host should know went wrong: `{code, message}`.
 * @fires aa-content-update - A (newer) content pack was applied: `{contentHash, appliedAt}`.
 * @fires aa-article-open - An article was shown: `{articleId, from}`.
 * @csspart base - The outer frame of the widget.
 * @csspart header - The title bar with the connection status.
 * @csspart tabs - The row of section tabs.
 * @csspart tab - Each section tab.
 * @csspart panel - The area that shows the selected section.
 * @cssproperty --aa-color-accent - Accent colour for focus rings and the selected tab.
 * @cssproperty --aa-color-bg - Background colour.
 * @cssproperty --aa-color-text - Text colour.
 * @cssproperty --aa-font-family - Font stack.
 * @cssproperty --aa-font-size - Base font size (px; independent of the host's rem).
 */
export class AgentAssist extends LitElement {
  static override styles = [tokenStyles, componentStyles, agentAssistStyles];

  /**
   * The pack used when `pack-url` is absent: set by the widget entry to `kb/manifest.json` next to the
   * script, so the default pack follows wherever `dist/` is copied.
   */
  static defaultPackUrl: string | null = null;

  /**
   * Defines an element that loads on first use (`aa-qa-view`); set by the widget's entry, which owns
   * every element definition.
   */
  static defineLazy: ((tag: LazyTag) => Promise<void>) | null = null;

  static override properties = {
    agentId: {attribute: 'agent-id'},
    uiLang: {attribute: 'lang'},
    theme: {},
    queue: {},
    packUrl: {attribute: 'pack-url'},
    syncUrl: {attribute: 'sync-url'},
    retentionDays: {attribute: 'retention-days'},
    section: {},
    _section: {state: true},
    _qaCalls: {state: true},
    _qaBusy: {state: true},
    _qaMessage: {state: true},
  };

  /** Raw `agent-id` attribute; see {@link AgentAssist.settings} for the parsed value. */
  declare agentId: string | null;
  /** Raw `lang` attribute (`en` or `zh-CN`). Named `uiLang` so the native `lang` property keeps working. */
  declare uiLang: string | null;
  /** Raw `theme` attribute: `light`, `dark` or `auto`. */
  declare theme: string | null;
  /** Raw `queue` attribute. */
  declare queue: string | null;
  /** Raw `pack-url` attribute. */
  declare packUrl: string | null;
  /** Raw `sync-url` attribute. */
  declare syncUrl: string | null;
  /** Raw `retention-days` attribute. */
  declare retentionDays: string | null;
  /** Raw `section` attribute: the section shown first. */
  declare section: string | null;
  declare private _section: Section;
  /** Ended calls for the QA view (null until it is first opened). */
  declare private _qaCalls: QaCall[] | null;
  declare private _qaBusy: boolean;
  declare private _qaMessage: string | null;
  /** Search runs in a worker (or on the page when workers are unavailable), over the current pack's index. */
  private readonly _search = new SearchClient(createSearchWorker);
  private _articlesById = new Map<string, PackArticle>();
  private _articleTitles = new Map<string, string>();

  private readonly _online = new OnlineStatusController(this);
  private readonly _content = new ContentPackController(this, {
    onManifest: (manifestUrl, manifest) => {
      // The index loads in the search worker in parallel with the articles, not after them.
      if (manifest.contentHash !== this._content.pack?.manifest.contentHash) {
        this._loadSearchIndex(manifestUrl, manifest.files.searchIndex);
      }
    },
    onApplied: (pack) => {
      this._articlesById = new Map(pack.articles.map((a) => [a.id, a]));
      this._articleTitles = new Map(pack.articles.map((a) => [a.id, a.title]));
      this.dispatchEvent(
        createAaEvent('aa-content-update', {
          contentHash: pack.manifest.contentHash,
          appliedAt: new Date().toISOString(),
        })
      );
    },
    onError: (error) => {
      // The index of the refused pack may have started loading: search the pack still in use.
      const pack = this._content.pack;
      if (pack) this._loadSearchIndex(pack.manifestUrl, pack.manifest.files.searchIndex);
      console.warn(error.message);
      this.dispatchEvent(createAaEvent('aa-error', {code: error.code, message: error.message}));
    },
  });
  private readonly _calls = new CallController(this, {
    onStart: (call) =>
      this.dispatchEvent(
        createAaEvent('aa-call-start', {
          callId: call.callId,
          scriptId: call.scriptId ?? '',
          scriptVersion: call.script?.version ?? '',
        })
      ),
    onStep: (callId, stepId, previousStepId) =>
      this.dispatchEvent(createAaEvent('aa-step-change', {callId, stepId: stepId ?? '', previousStepId})),
    onEnd: (report) => {
      this.dispatchEvent(createAaEvent('aa-call-end', report));
      if (this._qaCalls) void this._refreshQa();
    },
    onItem: (callId, itemId, status, reason) =>
      this.dispatchEvent(
        createAaEvent(
          'aa-checklist-change',
          reason === undefined ? {callId, itemId, status} : {callId, itemId, status, reason}
        )
      ),
    onStorageError: (error) => this._reportError(error.code, `agent-assist: ${error.message}`),
  });
  private _resumeChecked = false;
  /** An article was opened from the script: the knowledge panel offers the way back. */
  private _returnToScript = false;
  private _settings: AgentAssistSettings = {
    agentId: DEFAULT_AGENT_ID,
    lang: 'en',
    theme: 'auto',
    queue: null,
    packUrl: null,
    syncUrl: null,
    retentionDays: null,
  };
  /** Problems found while parsing attributes, reported as `aa-error` once the element has rendered. */
  private _pendingProblems: AttributeProblem[] = [];

  constructor() {
    super();
    this.agentId = null;
    this.uiLang = null;
    this.theme = null;
    this.queue = null;
    this.packUrl = null;
    this.syncUrl = null;
    this.retentionDays = null;
    this.section = null;
    this._section = 'knowledge';
    this._qaCalls = null;
    this._qaBusy = false;
    this._qaMessage = null;
    this.addEventListener('keydown', (e) => this._onShortcut(e));
  }

  private _loadSearchIndex(manifestUrl: string, ref: PackFileRef): void {
    this._search.load(manifestUrl, ref).catch((err: Error) => {
      const message = err.message.startsWith('content pack:') ? err.message : `search: ${err.message}`;
      console.warn(message);
      this.dispatchEvent(createAaEvent('aa-error', {code: 'pack-invalid', message}));
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a removal: the worker was stopped, so load the index again.
    const pack = this._content.pack;
    if (this._search.mode === 'none' && pack)
      this._loadSearchIndex(pack.manifestUrl, pack.manifest.files.searchIndex);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._search.dispose();
  }

  /** `/` from anywhere in the widget (outside a text field) focuses the search box. */
  private _onShortcut(e: KeyboardEvent): void {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    e.preventDefault();
    this._section = 'knowledge';
    void this.updateComplete.then(() => this._panel()?.focusSearch());
  }

  private _panel(): AaKnowledgePanel | null {
    return this.renderRoot.querySelector('aa-knowledge-panel');
  }

  /** The parsed settings in effect (defaults where an attribute is absent or invalid). */
  get settings(): Readonly<AgentAssistSettings> {
    return this._settings;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Parse only what changed, so one bad attribute is reported once, not on every render.
    const first = !this.hasUpdated;
    const next = {...this._settings};
    const take = <T>(parsed: {value: T; problem?: AttributeProblem}): T => {
      if (parsed.problem) this._pendingProblems.push(parsed.problem);
      return parsed.value;
    };
    if (first || changed.has('agentId')) next.agentId = take(parseAgentId(this.agentId));
    if (first || changed.has('uiLang')) next.lang = take(parseLang(this.uiLang, navigator.languages));
    if (first || changed.has('theme')) next.theme = take(parseTheme(this.theme));
    if (first || changed.has('queue')) next.queue = take(parseQueue(this.queue));
    if (first || changed.has('packUrl'))
      next.packUrl = take(parseHttpUrl('pack-url', this.packUrl, document.baseURI));
    if (first || changed.has('syncUrl'))
      next.syncUrl = take(parseHttpUrl('sync-url', this.syncUrl, document.baseURI));
    if (first || changed.has('retentionDays'))
      next.retentionDays = take(parseRetentionDays(this.retentionDays));
    if (first || changed.has('section')) this._section = take(parseSection(this.section));
    this._settings = next;
    if (first || changed.has('packUrl')) {
      const url = next.packUrl ?? AgentAssist.defaultPackUrl;
      if (url) void this._content.load(url);
    }
    if (this._section === 'qa') {
      // The QA view (and its charting library) loads only when it is first opened.
      void AgentAssist.defineLazy?.('aa-qa-view');
      if (this._qaCalls === null && !this._qaBusy) void this._refreshQa();
    }
  }

  /** Re-fetches the content pack's manifest and applies the pack if it changed (e.g. after a deploy). */
  refreshContent(): Promise<void> {
    const url = this._settings.packUrl ?? AgentAssist.defaultPackUrl;
    if (!url) return Promise.reject(new Error('agent-assist: refreshContent() needs a pack-url attribute'));
    return this._content.load(url);
  }

  private async _showArticle(article: PackArticle, from: ArticleSource, focus = false): Promise<void> {
    this._section = 'knowledge';
    await this.updateComplete;
    this._panel()?.showArticle(article, from, focus);
  }

  private _onPanelArticleOpen(e: CustomEvent<{id: string; from: ArticleSource}>): void {
    e.stopPropagation();
    void this._calls.note('article-open', {articleId: e.detail.id, from: e.detail.from}).catch(() => {});
    this.dispatchEvent(createAaEvent('aa-article-open', {articleId: e.detail.id, from: e.detail.from}));
  }

  private _onPanelSearch(e: CustomEvent<{query: string; resultCount: number}>): void {
    e.stopPropagation();
    void this._calls.note('search', {resultCount: e.detail.resultCount}).catch(() => {});
    this.dispatchEvent(createAaEvent('aa-search', e.detail));
  }

  protected override updated(): void {
    if (!this._resumeChecked) {
      // The call views load right after the widget first appears, well before an agent answers a call.
      setTimeout(() => void defineCallViews(), 0);
      // An unfinished call of this agent (a reload mid-call) resumes at the step the log says.
      this._resumeChecked = true;
      void this._calls
        .resume(this._settings.agentId)
        .then((resumed) => {
          if (resumed && this._section !== 'qa') this._section = 'script';
        })
        .then(() => this._purgeExpired())
        .catch((err: Error) => console.warn(`agent-assist: ${err.message}`));
    }
    const problems = this._pendingProblems;
    this._pendingProblems = [];
    for (const p of problems) {
      console.warn(p.message);
      this.dispatchEvent(createAaEvent('aa-error', {code: 'invalid-attribute', message: p.message}));
    }
  }

  private _onTabKeydown(e: KeyboardEvent): void {
    const index = SECTIONS.indexOf(this._section);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % SECTIONS.length,
      ArrowLeft: (index - 1 + SECTIONS.length) % SECTIONS.length,
      Home: 0,
      End: SECTIONS.length - 1,
    };
    const target = moves[e.key];
    if (target === undefined) return;
    e.preventDefault();
    this._selectSection(SECTIONS[target]!, true);
  }

  private async _selectSection(section: Section, focus: boolean): Promise<void> {
    this._section = section;
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${section}`)?.focus();
  }

  private _reportError(code: AaErrorCode, message: string): void {
    console.warn(message);
    this.dispatchEvent(createAaEvent('aa-error', {code, message}));
  }

  /**
   * Starts a call: the script is `scriptId`, else the default for the `queue` attribute, else the agent
   * picks one in the script panel. The script's version is pinned for the whole call.
   */
  async startCall(
    options: {callId?: string; scriptId?: string; context?: Record<string, unknown>} = {}
  ): Promise<{
    callId: string;
  }> {
    if (options === null || typeof options !== 'object') {
      throw new Error('agent-assist: startCall(options) expected an object {callId?, scriptId?, context?}');
    }
    const {callId = `call-${crypto.randomUUID()}`, scriptId, context} = options;
    if (typeof callId !== 'string' || callId.trim() === '' || callId.length > 128) {
      throw new Error(
        'agent-assist: startCall() expected callId to be a non-empty string of up to 128 characters'
      );
    }
    if (scriptId !== undefined && typeof scriptId !== 'string') {
      throw new Error('agent-assist: startCall() expected scriptId to be a string');
    }
    if (
      context !== undefined &&
      (context === null || typeof context !== 'object' || Array.isArray(context))
    ) {
      throw new Error(
        'agent-assist: startCall() expected context to be an object, e.g. {customer: {name: "Li Wei"}}'
      );
    }
    await this.updateComplete;
    await this._content.settled;
    const pack = this._content.pack;
    if (!pack) throw new Error('agent-assist: startCall() failed: no content pack is loaded');
    let script = null;
    if (scriptId !== undefined) {
      script = pack.scripts.find((s) => s.id === scriptId) ?? null;
      if (!script) {
        const ids = pack.scripts.map((s) => `"${s.id}"`).join(', ');
        throw new Error(`agent-assist: startCall() expected scriptId to be one of ${ids}; got "${scriptId}"`);
      }
    } else {
      script = defaultScriptFor(pack.scripts, this._settings.queue, this._settings.lang);
    }
    await this._calls.start({
      callId,
      agentId: this._settings.agentId,
      script,
      pack,
      queue: this._settings.queue,
    });
    if (context) this._calls.mergeContext(context);
    this._section = 'script';
    await defineCallViews();
    await this.updateComplete;
    this.renderRoot.querySelector<AaScriptView>('aa-script-view')?.focusScript();
    return {callId};
  }

  /** Ends the running call and resolves its adherence report. */
  endCall(options: {outcome?: string} = {}): Promise<AdherenceReport> {
    if (
      options === null ||
      typeof options !== 'object' ||
      (options.outcome !== undefined && typeof options.outcome !== 'string')
    ) {
      return Promise.reject(
        new Error('agent-assist: endCall(options) expected an object {outcome?: string}')
      );
    }
    return this._calls.end(options.outcome);
  }

  /** Merges more host context into the running call (display only; never logged). */
  async setContext(context: Record<string, unknown>): Promise<void> {
    if (context === null || typeof context !== 'object' || Array.isArray(context)) {
      throw new Error(
        'agent-assist: setContext(context) expected an object, e.g. {customer: {name: "Li Wei"}}'
      );
    }
    if (!this._calls.call)
      throw new Error('agent-assist: setContext() needs a running call; call startCall() first');
    this._calls.mergeContext(context);
  }

  /**
   * Searches the loaded pack: ranked hits `{id, title, snippet, score, category, lang, stale}`, where
   * `snippet` is escaped HTML with `<mark>` around the matched words. Filters: `category` and `lang`
   * (a string or a list). Waits for a pack that is still loading.
   */
  async search(
    query: string,
    options: {limit?: number; filters?: {category?: string | string[]; lang?: string | string[]}} = {}
  ): Promise<Omit<SearchHit, 'snippetParts'>[]> {
    if (typeof query !== 'string')
      throw new Error('agent-assist: search(query) expected query to be a string');
    if (options === null || typeof options !== 'object') {
      throw new Error(
        'agent-assist: search(query, options) expected options to be an object {limit?, filters?}'
      );
    }
    const {limit = 10, filters = {}} = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new Error(
        `agent-assist: search() expected limit to be an integer from 1 to 100, got ${String(limit)}`
      );
    }
    for (const key of Object.keys(filters)) {
      const v = (filters as Record<string, unknown>)[key];
      if (key !== 'category' && key !== 'lang') {
        throw new Error(`agent-assist: search() filters may have "category" and "lang", not "${key}"`);
      }
      if (typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) {
        throw new Error(`agent-assist: search() expected filters.${key} to be a string or a list of strings`);
      }
    }
    await this.updateComplete;
    await this._content.settled;
    if (!this._content.pack) throw new Error('agent-assist: search() failed: no content pack is loaded');
    const ranked = await this._search.rank(query, {limit, filters, preferLang: this._settings.lang});
    const hits = buildHits(ranked ?? [], this._articlesById, query, today());
    return hits.map(({snippetParts: _parts, ...hit}) => hit);
  }

  /** Lists the loaded pack's scripts, so a host can offer its own picker. */
  async listScripts(): Promise<{id: string; title: string; lang: string; queues: string[]}[]> {
    await this.updateComplete;
    await this._content.settled;
    const pack = this._content.pack;
    if (!pack) throw new Error('agent-assist: listScripts() failed: no content pack is loaded');
    return pack.scripts.map((s) => ({id: s.id, title: s.title, lang: s.lang, queues: [...s.queues]}));
  }

  /** Shows an article of the loaded pack in the knowledge panel. */
  async openArticle(id: string): Promise<void> {
    if (typeof id !== 'string' || id === '') {
      throw new Error('agent-assist: openArticle(id) expected an article id (a non-empty string)');
    }
    await this.updateComplete;
    await this._content.settled;
    const pack = this._content.pack;
    if (!pack) throw new Error(`agent-assist: openArticle("${id}") failed: no content pack is loaded`);
    const article = pack.articles.find((a) => a.id === id);
    if (!article)
      throw new Error(
        `agent-assist: openArticle() expected the id of an article in the loaded pack; "${id}" is not one`
      );
    await this._showArticle(article, 'api');
  }

  /**
   * Completes the running call's current step, taking `branch` where it has choices: a target step id,
   * or the 1-based number of the choice (as the agent's keys 1–9).
   */
  async completeStep(options: {branch?: string | number} = {}): Promise<void> {
    const state = this._calls.state;
    const script = this._calls.call?.script;
    if (!this._calls.call)
      throw new Error('agent-assist: completeStep() needs a running call; call startCall() first');
    if (!script || !state?.currentStepId)
      throw new Error('agent-assist: completeStep() needs a current step');
    const step = script.steps.find((s) => s.id === state.currentStepId)!;
    let branch: string | undefined;
    if (options.branch !== undefined && step.branches.length === 0) {
      throw new Error(`agent-assist: completeStep() expected no branch: step "${step.id}" has no choices`);
    }
    if (typeof options.branch === 'number') {
      branch = step.branches[options.branch - 1]?.target;
      if (branch === undefined) {
        throw new Error(
          `agent-assist: completeStep() expected branch to be from 1 to ${step.branches.length} for step "${step.id}"`
        );
      }
    } else if (options.branch !== undefined) {
      branch = String(options.branch);
    }
    await this._calls.move(
      branch === undefined ? {type: 'complete', stepId: step.id} : {type: 'complete', stepId: step.id, branch}
    );
  }

  /**
   * Ticks a checklist item of the running call (e.g. when the host's IVR has played the recording
   * notice); `source` (`agent` by default, or `host`) is logged with it. Resolves once it is logged.
   */
  async checkItem(itemId: string, options: {source?: 'agent' | 'host'} = {}): Promise<void> {
    if (typeof itemId !== 'string' || itemId === '')
      throw new Error('agent-assist: checkItem(itemId) expected a checklist item id (a non-empty string)');
    if (options === null || typeof options !== 'object')
      throw new Error('agent-assist: checkItem(itemId, options) expected options to be an object {source?}');
    const {source = 'agent'} = options;
    if (source !== 'agent' && source !== 'host')
      throw new Error(
        `agent-assist: checkItem() expected source to be "agent" or "host", got "${String(source)}"`
      );
    await this.updateComplete;
    await this._calls.resumed.catch(() => false);
    await this._calls.markItem(itemId, {type: 'check', source});
  }

  /** Skips a checklist item of the running call with the reason given (an empty reason rejects). */
  async skipItem(itemId: string, reason: string): Promise<void> {
    if (typeof itemId !== 'string' || itemId === '')
      throw new Error(
        'agent-assist: skipItem(itemId, reason) expected a checklist item id (a non-empty string)'
      );
    if (typeof reason !== 'string' || reason.trim() === '')
      throw new Error('agent-assist: skipItem(itemId, reason) expected a reason (a non-empty string)');
    if (reason.length > 500)
      throw new Error('agent-assist: skipItem() expected a reason of up to 500 characters');
    await this.updateComplete;
    await this._calls.resumed.catch(() => false);
    await this._calls.markItem(itemId, {type: 'skip', reason});
  }

  /**
   * Resolves the running call's state, or null when no call runs. `items` are its checklist items with
   * their standing now: `open`, `done`, `late`, `skipped` or `n/a`.
   */
  async getCall(): Promise<{
    callId: string;
    scriptId: string | null;
    stepId: string | null;
    items: {id: string; status: string}[];
  } | null> {
    await this.updateComplete;
    await this._calls.resumed.catch(() => false);
    const call = this._calls.call;
    if (!call) return null;
    return {
      callId: call.callId,
      scriptId: call.scriptId,
      stepId: this._calls.state?.currentStepId ?? null,
      items: this._calls.liveItems().map((i) => ({id: i.item.id, status: i.evaluation.status})),
    };
  }

  private async _onItem(e: CustomEvent<ItemAction>): Promise<void> {
    e.stopPropagation();
    const {itemId} = e.detail;
    // Read now: once dispatch is over, an event from a shadow tree no longer has a target.
    const from = e.target as AaChecklistView | AaScriptView;
    try {
      if (e.detail.action === 'skip')
        await this._calls.markItem(itemId, {type: 'skip', reason: e.detail.reason});
      else if (e.detail.action === 'check')
        await this._calls.markItem(itemId, {type: 'check', source: 'agent'});
      else await this._calls.markItem(itemId, {type: 'uncheck'});
    } catch (err) {
      // The controller keeps the error for the view (the item stays as it was); storage failures have
      // already been reported as aa-error.
      if (!(err as {code?: string}).code) console.warn((err as Error).message);
    }
    // Keep focus on the box that was used (in the checklist, or in the script's step).
    await this.updateComplete;
    await from.updateComplete;
    from.renderRoot.querySelector<HTMLElement>(`[data-item-box="${CSS.escape(itemId)}"]`)?.focus();
  }

  private async _onMove(e: CustomEvent<{move: ScriptMove}>): Promise<void> {
    e.stopPropagation();
    try {
      await this._calls.move(e.detail.move);
    } catch (err) {
      // The controller keeps the error for the view; the host hears about storage failures too.
      console.warn((err as Error).message);
    }
  }

  private async _onChooseScript(e: CustomEvent<{scriptId: string}>): Promise<void> {
    e.stopPropagation();
    const script = this._content.pack?.scripts.find((s) => s.id === e.detail.scriptId);
    if (script) await this._calls.switchScript(script, this._content.pack?.checklists ?? []);
  }

  private async _onScriptArticle(e: CustomEvent<{id: string}>): Promise<void> {
    e.stopPropagation();
    const article = this._content.pack?.articles.find((a) => a.id === e.detail.id);
    if (!article) return;
    this._returnToScript = true;
    await this._showArticle(article, 'script', true);
  }

  private async _backToScript(): Promise<void> {
    this._returnToScript = false;
    this._section = 'script';
    await this.updateComplete;
    this.renderRoot.querySelector<AaScriptView>('aa-script-view')?.focusScript();
  }

  /**
   * Exports logged events as a Blob. `since`/`until` (ISO times, inclusive) pick the events by their
   * wall-clock time. JSON holds every call touching the range whole (its pinned content and all its
   * events with their hash chain, so the file verifies offline); CSV holds the events in the range.
   */
  async exportLog(
    options: {since?: string; until?: string; format: 'json' | 'csv'} = {format: 'json'}
  ): Promise<Blob> {
    if (options === null || typeof options !== 'object')
      throw new Error('agent-assist: exportLog(options) expected an object {since?, until?, format}');
    const {since, until, format} = options;
    if (format !== 'json' && format !== 'csv')
      throw new Error(
        `agent-assist: exportLog() expected format to be "json" or "csv", got "${String(format)}"`
      );
    for (const [name, value] of [
      ['since', since],
      ['until', until],
    ] as const) {
      if (
        value !== undefined &&
        (typeof value !== 'string' || !ISO_TIME.test(value) || Number.isNaN(Date.parse(value)))
      )
        throw new Error(
          `agent-assist: exportLog() expected ${name} to be an ISO date or time, e.g. "2026-11-22T10:00:00Z"`
        );
    }
    const norm = (v: string | undefined) => (v === undefined ? undefined : new Date(v).toISOString());
    const {eventsToCsv, toLogFile} = await import('../../qa/log-file.js');
    const {db, storage} = await this._calls.open();
    const picked = await storage.selectForExport(db, {since: norm(since), until: norm(until)});
    if (format === 'csv') return new Blob([eventsToCsv(picked.inRange)], {type: 'text/csv;charset=utf-8'});
    return new Blob([JSON.stringify(toLogFile(picked.calls, picked.events, new Date()))], {
      type: 'application/json',
    });
  }

  /** Verifies the tamper-evident chain of one call, or of every call in the log. */
  async verifyLog(
    options: {callId?: string} = {}
  ): Promise<{ok: boolean; checked: number; brokenAt?: string}> {
    if (
      options === null ||
      typeof options !== 'object' ||
      (options.callId !== undefined && typeof options.callId !== 'string')
    )
      throw new Error('agent-assist: verifyLog(options) expected an object {callId?: string}');
    const {db, storage} = await this._calls.open();
    return storage.verifyLogChains(db, options.callId);
  }

  /**
   * Purges ended calls older than `retention-days` (only once every event of theirs is uploaded, when
   * `sync-url` is set), and logs the purge in the maintenance chain, in the same transaction.
   */
  private async _purgeExpired(): Promise<void> {
    const days = this._settings.retentionDays;
    if (days === null) return;
    const {db, storage} = await this._calls.open();
    const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
    const expired = await storage.expiredCalls(db, cutoff, this._settings.syncUrl !== null);
    if (expired.length === 0) return;
    const ids = expired.map((c) => c.callId);
    let events = 0;
    await storage.appendEvent(
      db,
      {
        callId: MAINTENANCE_CALL_ID,
        agentId: this._settings.agentId,
        type: 'retention-purge',
        data: {days, cutoff, calls: ids.length, callIds: ids},
        packVersion: this._content.pack?.manifest.contentHash ?? '',
        callStartMono: performance.timeOrigin + performance.now(),
      },
      {alsoWrite: async () => (events = await storage.deleteCalls(db, ids))}
    );
    console.info(
      `agent-assist: retention purge removed ${ids.length} calls (${events} events) ended before ${cutoff}`
    );
  }

  private async _refreshQa(): Promise<void> {
    this._qaBusy = true;
    try {
      const {db, storage} = await this._calls.open();
      this._qaCalls = await storage.listQaCalls(db);
    } catch (err) {
      this._qaCalls ??= [];
      this._qaMessage = (err as Error).message;
    } finally {
      this._qaBusy = false;
    }
  }

  private async _onQaImport(e: CustomEvent<{files: File[]}>): Promise<void> {
    e.stopPropagation();
    const {parseLogFile} = await import('../../qa/log-file.js');
    const {db, storage} = await this._calls.open();
    const s = uiStrings(this._settings.lang);
    const notes: string[] = [];
    this._qaBusy = true;
    for (const file of e.detail.files) {
      try {
        // "local" names this browser's own log in the QA view: an imported file never takes that name.
        const source = file.name === 'local' ? 'local (imported)' : file.name;
        const result = await storage.importLogFile(db, source, parseLogFile(await file.text(), file.name));
        notes.push(s.qaImported(file.name, result.calls, result.broken.length));
      } catch (err) {
        notes.push((err as Error).message);
      }
    }
    this._qaMessage = notes.join(' ');
    await this._refreshQa();
  }

  private async _onQaClear(e: Event): Promise<void> {
    e.stopPropagation();
    const {db, storage} = await this._calls.open();
    await storage.clearImports(db);
    this._qaMessage = null;
    await this._refreshQa();
  }

  private async _onQaExport(e: CustomEvent<{format: 'json' | 'csv'; filter: QaFilter}>): Promise<void> {
    e.stopPropagation();
    const {filterCalls} = await import('../../qa/aggregate-calls.js');
    const {eventsToCsv, toLogFile} = await import('../../qa/log-file.js');
    const {db, storage} = await this._calls.open();
    const picked = await storage.recordsForQaCalls(db, filterCalls(this._qaCalls ?? [], e.detail.filter));
    const blob =
      e.detail.format === 'csv'
        ? new Blob([eventsToCsv(picked.events)], {type: 'text/csv;charset=utf-8'})
        : new Blob([JSON.stringify(toLogFile(picked.calls, picked.events, new Date()))], {
            type: 'application/json',
          });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `agent-assist-log-${new Date().toISOString().slice(0, 10)}.${e.detail.format}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  }

  /**
   * A call's events for its timeline. The chain is checked again as it opens: the status in the list
   * was taken when the call ended (or was imported), and the log may have been edited since.
   */
  private _loadTimeline = async (call: QaCall) => {
    const {db, storage} = await this._calls.open();
    const events = await storage.qaCallEvents(db, call.source, call.report.callId);
    const chain = await storage.verifyChain(events);
    if (chain.ok !== call.chain.ok || chain.brokenAt !== call.chain.brokenAt) {
      call.chain = chain;
      this.renderRoot.querySelector('aa-qa-view')?.requestUpdate();
    }
    return events;
  };

  override render() {
    const s = uiStrings(this._settings.lang);
    const labels: Record<Section, string> = {
      knowledge: s.tabKnowledge,
      script: s.tabScript,
      checklist: s.tabChecklist,
      qa: s.tabQa,
    };
    // Evaluated once per render: the checklist and the script's step list show the same items.
    const items = this._calls.liveItems();
    const panels: Record<Section, unknown> = {
      knowledge: this._renderKnowledge(),
      script: html`<aa-script-view
        .active=${this._calls.call !== null}
        .script=${this._calls.call?.script ?? null}
        .scripts=${this._content.pack?.scripts ?? []}
        .articleTitles=${this._articleTitles}
        .state=${this._calls.state}
        .context=${this._calls.context}
        .strings=${s}
        .busy=${this._calls.busy}
        .error=${this._calls.error}
        .lang=${this._settings.lang}
        .stepItems=${this._stepItems(items)}
        .pendingItems=${this._calls.pendingItems}
        .readOnly=${this._calls.readOnly}
        @aa-internal-item=${this._onItem}
        @aa-internal-move=${this._onMove}
        @aa-internal-choose-script=${this._onChooseScript}
        @aa-internal-open-article=${this._onScriptArticle}
      ></aa-script-view>`,
      checklist: html`<aa-checklist-view
        .active=${this._calls.call !== null}
        .items=${items}
        .strings=${s}
        .readOnly=${this._calls.readOnly}
        .startedMono=${this._calls.call?.startedMono ?? 0}
        .pending=${this._calls.pendingItems}
        .stepTitles=${this._stepTitles()}
        .error=${this._calls.error}
        @aa-internal-item=${this._onItem}
      ></aa-checklist-view>`,
      qa:
        this._section === 'qa'
          ? html`<aa-qa-view
              .calls=${this._qaCalls ?? []}
              .strings=${s}
              .lang=${this._settings.lang}
              .loadTimeline=${this._loadTimeline}
              .busy=${this._qaBusy}
              .message=${this._qaMessage}
              @aa-internal-qa-import=${this._onQaImport}
              @aa-internal-qa-export=${this._onQaExport}
              @aa-internal-qa-clear=${this._onQaClear}
            ></aa-qa-view>`
          : null,
    };
    const online = this._online.online;
    return html`
      <div part="base" class="base" lang=${this._settings.lang} tabindex="-1">
        <header part="header" class="header">
          <h1 class="brand">${s.brand}</h1>
          <div class="status">
            <span role="status"
              ><span class="dot ${online ? '' : 'offline'}"></span>${online ? s.online : s.offline}</span
            >
            <span>${s.agent}: ${this._settings.agentId}</span>
            ${this._renderStorageBadges()}
          </div>
        </header>
        ${
          this._calls.logLost || this._calls.updateReady || this._calls.unavailable
            ? html`<p class="banner" role="alert">
                ${this._calls.logLost ? s.logLost : this._calls.updateReady ? s.updateReady : s.storageUnavailable}
              </p>`
            : null
        }
        <div part="tabs" class="tabs" role="tablist" aria-label=${s.sections} @keydown=${this._onTabKeydown}>
          ${SECTIONS.map(
            (section) => html`
              <button
                part="tab"
                class="tab"
                id="tab-${section}"
                role="tab"
                aria-selected=${section === this._section ? 'true' : 'false'}
                aria-controls="panel-${section}"
                tabindex=${section === this._section ? '0' : '-1'}
                @click=${() => this._selectSection(section, false)}
              >
                ${labels[section]}
              </button>
            `
          )}
        </div>
        ${SECTIONS.map(
          (section) => html`
            <section
              part="panel"
              class="panel"
              id="panel-${section}"
              role="tabpanel"
              aria-labelledby="tab-${section}"
              tabindex="0"
              ?hidden=${section !== this._section}
            >
              <h2 class="visually-hidden">${labels[section]}</h2>
              ${panels[section]}
            </section>
          `
        )}
      </div>
    `;
  }

  private _renderStorageBadges() {
    const s = uiStrings(this._settings.lang);
    const {persisted, usage} = this._calls.health;
    return html`
      ${persisted === false ? html`<span class="badge" title=${s.storageBestEffortHint}>${s.storageBestEffort}</span>` : null}
      ${
        usage !== null && usage >= NEARLY_FULL
          ? html`<span class="badge warn" role="status" title=${s.storageNearlyFullHint}
              >${s.storageNearlyFull(Math.round(usage * 100))}</span
            >`
          : null
      }
    `;
  }

  /** The current step's checklist items (Checklist: lines in the script), to tick on the step itself. */
  private _stepItems(items: LiveItem[]): LiveItem[] {
    const stepId = this._calls.state?.currentStepId;
    const step = this._calls.call?.script?.steps.find((st) => st.id === stepId);
    if (!step || step.checklistItems.length === 0) return [];
    return items.filter((i) => step.checklistItems.includes(i.item.id));
  }

  private _stepTitles(): Map<string, string> {
    return new Map((this._calls.call?.script?.steps ?? []).map((st) => [st.id, st.title]));
  }

  private _renderKnowledge() {
    const s = uiStrings(this._settings.lang);
    const {pack, loading, error} = this._content;
    const errorNote = error
      ? html`<p class="error" role="alert">${pack ? s.keptPreviousPack : s.packError} ${error.message}</p>`
      : null;
    if (!pack) {
      if (loading) return html`<p class="unavailable" role="status">${s.loadingContent}</p>`;
      return errorNote ?? html`<p class="unavailable">${s.noPack}</p>`;
    }
    return html`
      ${errorNote}
      ${
        this._returnToScript && this._calls.call
          ? html`<button class="back" @click=${this._backToScript}>← ${s.backToScript}</button>`
          : null
      }
      <aa-knowledge-panel
        .pack=${pack}
        .client=${this._search}
        .strings=${s}
        .lang=${this._settings.lang}
        .today=${today()}
        @aa-internal-article-open=${this._onPanelArticleOpen}
        @aa-internal-search=${this._onPanelSearch}
      ></aa-knowledge-panel>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'agent-assist': AgentAssist;
  }
}
