/**
 * `<agent-assist>`, the root element: parses its attributes, renders the shell (header, section tabs,
 * panels) and delegates every public method to {@link AgentAssistCore} in a line or two. Behaviour lives
 * in the core (src/session/); this element only shows it and forwards what the agent does.
 */
import {ContextProvider} from '@lit/context';
import {LitElement} from 'lit';
import type {PropertyValues, TemplateResult} from 'lit';
import {DEFAULT_SETTINGS} from '../../config/parse-attributes.js';
import type {AgentAssistSettings, AttributeProblem, Section} from '../../config/parse-attributes.js';
import type {PageArticle} from '../../content/pack-types.js';
import {CoreController} from '../../controllers/core-controller.js';
import {OnlineStatusController} from '../../controllers/online-status-controller.js';
import {matchesHotkey, parseHotkey} from '../../config/parse-hotkey.js';
import type {Hotkey} from '../../config/parse-hotkey.js';
import {uiStrings} from '../../i18n/strings.js';
import type {AdherenceItem} from '../../model/report.js';
import {isTextField} from '../text-field.js';
import {blockedPolicies, describeBlocked, templatesBlocked} from '../../internal/trusted-types.js';
import {today} from '../../internal/today.js';
import {createAaEvent} from '../../events/aa-event.js';
import type {AaEventDetailMap} from '../../events/aa-event.js';
import type {AgentAssistCore, ArticleSource} from '../../session/agent-assist-core.js';
import type {
  AdherenceReport,
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
} from '../../session/api-types.js';
import {componentStyles} from '../../styles/component.styles.js';
import {tokenStyles} from '../../styles/tokens.styles.js';
import type {AaKnowledgePanel} from '../knowledge-panel/knowledge-panel.js';
import type {AaScriptView} from '../script-view/script-view.js';
import {widgetContext} from '../../controllers/widget-context.js';
import type {WidgetContext} from '../../controllers/widget-context.js';
import {agentAssistStyles} from './agent-assist.styles.js';
import {Announcer} from './announcer.js';
import {parseChangedSettings} from './parse-changed-settings.js';
import {renderPanels, renderPanelsBeforeCore} from './render-panels.js';
import type {PanelHandlers} from './render-panels.js';
import type {PanelShell} from './panel-handlers.js';
import {NO_CALLS, renderShell} from './render-shell.js';

/** The inner elements defined after the first render or on first use (by the widget's entry). */
export type LazyTag = 'aa-knowledge-panel' | 'aa-script-view' | 'aa-checklist-view' | 'aa-qa-view';

/** The lazily loaded view of each section. */
const VIEW_OF: Record<Section, LazyTag> = {
  knowledge: 'aa-knowledge-panel',
  script: 'aa-script-view',
  checklist: 'aa-checklist-view',
  qa: 'aa-qa-view',
};

/**
 * Knowledge search, call scripts and compliance checklists for a contact-center agent.
 *
 * @summary The embeddable agent-assist widget.
 * @fires aa-call-start - A call session started: `{callId, scriptId, scriptVersion}`.
 * @fires aa-step-change - The call's script moved to another step: `{callId, stepId, previousStepId}`.
 * @fires aa-checklist-change - A checklist item was ticked, unticked or skipped: `{callId, itemId, status, reason?}`.
 * @fires aa-call-end - A call ended: its adherence report.
 * @fires aa-article-open - An article was shown: `{articleId, from}`.
 * @fires aa-search - A search typed in the view ran (debounced): `{query, resultCount}`.
 * @fires aa-content-update - A (newer) content pack was applied: `{contentHash, appliedAt}`.
 * @fires aa-sync-state - The upload queue changed state: `{pending, deadLetters, lastSyncedAt?, lastError?}`.
 * @fires aa-error - Something the host should know went wrong: `{code, message}`.
 * @csspart base - The outer frame of the widget.
 * @csspart header - The title bar with the connection status.
 * @csspart tabs - The row of section tabs.
 * @csspart tab - Each section tab.
 * @csspart panel - The area that shows the selected section.
 * @cssproperty --aa-color-bg - Background colour.
 * @cssproperty --aa-color-surface - Background of cards and inputs.
 * @cssproperty --aa-color-border - Border colour.
 * @cssproperty --aa-color-text - Text colour.
 * @cssproperty --aa-color-muted - Secondary text colour.
 * @cssproperty --aa-color-accent - Accent colour for focus rings and the selected tab.
 * @cssproperty --aa-color-accent-text - Text on the accent colour.
 * @cssproperty --aa-color-ok - Done and online.
 * @cssproperty --aa-color-warn - Due soon and warnings.
 * @cssproperty --aa-color-danger - Overdue, critical and errors.
 * @cssproperty --aa-color-scheme - `light` or `dark`: the colours of native controls and scroll bars.
 * @cssproperty --aa-font-family - Font stack.
 * @cssproperty --aa-font-size - Base font size (px; independent of the host's rem).
 * @cssproperty --aa-line-height - Line height.
 * @cssproperty --aa-radius - Corner radius.
 * @cssproperty --aa-space - Base spacing unit.
 * @cssproperty --aa-focus-ring - Focus outline.
 */
export class AgentAssist extends LitElement implements AgentAssistApi {
  static override styles = [tokenStyles, componentStyles, agentAssistStyles];

  /**
   * The pack used when `pack-url` is absent: set by the widget entry to `kb/manifest.json` next to the
   * script, so the default pack follows wherever `dist/` is copied.
   */
  static defaultPackUrl: string | null = null;

  /** Defines an element that loads later (set by the widget's entry, which owns every definition). */
  static defineLazy: ((tag: LazyTag) => Promise<void>) | null = null;

  static override properties = {
    agentId: {attribute: 'agent-id'},
    uiLang: {attribute: 'lang'},
    theme: {},
    queue: {},
    packUrl: {attribute: 'pack-url'},
    syncUrl: {attribute: 'sync-url'},
    qaUrl: {attribute: 'qa-url'},
    retentionDays: {attribute: 'retention-days'},
    section: {},
    hotkey: {},
    _section: {state: true},
    _endPrompt: {state: true},
  };

  /** `agent-id`: who is logged in (1–128 printable characters); see {@link AgentAssist.settings}. */
  declare agentId: string | null;
  /** `lang`: `en` or `zh-CN`. Named `uiLang` so the native `lang` property keeps working. */
  declare uiLang: string | null;
  /** `theme`: `light`, `dark` or `auto`. */
  declare theme: string | null;
  /** `queue`: the host's queue or skill; picks the default script for a call. */
  declare queue: string | null;
  /** `pack-url`: URL of a content pack manifest. */
  declare packUrl: string | null;
  /** `sync-url`: where logged events are uploaded. */
  declare syncUrl: string | null;
  /** `qa-url`: the collector whose team calls the Quality tab shows (with {@link AgentAssist.qaAuth}). */
  declare qaUrl: string | null;
  /** `retention-days`: purge ended calls older than this many days at start-up. */
  declare retentionDays: string | null;
  /** `section`: the section shown first (`knowledge`, `script`, `checklist` or `qa`). */
  declare section: string | null;
  /**
   * `hotkey`: a key combination that focuses the search box from anywhere on the host page (`ctrl+/`,
   * `alt+k`, `f2`). It listens on the host's document, so it is off unless set.
   */
  declare hotkey: string | null;
  declare private _section: Section;
  /** The end-of-call prompt on screen: what would be missed, and how the host's endCall() goes on. */
  declare private _endPrompt: {items: AdherenceItem[]; answer: (end: boolean) => void} | null;
  private _hotkey: Hotkey | null = null;
  /** The agent chose "End anyway": focus goes to the summary once the call has ended. */
  private _focusSummary = false;
  private readonly _onHostKey = (e: KeyboardEvent) => {
    if (!this._hotkey || e.defaultPrevented || !matchesHotkey(e, this._hotkey)) return;
    e.preventDefault();
    this._focusSearch();
  };

  private readonly _online = new OnlineStatusController(this);
  /**
   * The core (content, search, calls, log, QA) loads right after the first render, which shows only the
   * frame and "Loading content…" and so needs none of it; a method called earlier loads it at once.
   */
  private readonly _coreController = new CoreController(this, {
    module: () => import('./core-module.js'),
    defaultPackUrl: AgentAssist.defaultPackUrl,
    view: {
      showArticle: (article, from) => this._showArticle(article, from),
      confirmEnd: (items) => this._confirmEnd(items),
    },
    onLoad: (core, module) => {
      // (The credentials set before the core was there are handed over by the controller.)
      this._handlers = module.panelHandlers(core, this._shell);
      if (this._settings) core.configure(this._settings);
    },
  });
  /** The settings parsed last (null before the first update). */
  private _settings: AgentAssistSettings | null = null;
  /** Strings, language, pack and date for every view (Lit context), renewed when one of them changes. */
  private readonly _context = new ContextProvider(this, {
    context: widgetContext,
    initialValue: {
      strings: uiStrings('en'),
      lang: 'en',
      pack: null,
      articlesById: new Map(),
      today: today(),
      articleBody: (id) => this._loadCore().then((core) => core.content.body(id)),
    },
  });
  /** The live regions: a new step, an overdue item or an upload problem is said from any tab. */
  private readonly _announcer = new Announcer(this, {
    strings: () => uiStrings(this.settings.lang),
    script: () => this._core?.calls.call?.script ?? null,
  });
  /** An article was opened from the script: the knowledge panel offers the way back. */
  private _returnToScript = false;
  /** Views whose module could not be loaded (shown as unavailable, tried again when opened). */
  private readonly _failedViews = new Set<LazyTag>();
  /** Problems found while parsing attributes, reported as `aa-error` once the element has rendered. */
  private _pendingProblems: AttributeProblem[] = [];
  private _firstUpdated = false;

  constructor() {
    super();
    this.agentId = null;
    this.uiLang = null;
    this.theme = null;
    this.queue = null;
    this.packUrl = null;
    this.syncUrl = null;
    this.qaUrl = null;
    this.retentionDays = null;
    this.section = null;
    this.hotkey = null;
    this._section = 'knowledge';
    this._endPrompt = null;
    this.addEventListener('keydown', (e) => this._onShortcut(e));
    // Set on the element before its definition loaded: hand the value to the accessor.
    for (const key of ['syncAuth', 'qaAuth'] as const) {
      if (Object.prototype.hasOwnProperty.call(this, key)) {
        const early = (this as unknown as Record<typeof key, SyncAuth | null>)[key];
        delete (this as unknown as Partial<Record<typeof key, unknown>>)[key];
        this[key] = early;
      }
    }
  }

  /**
   * Credentials for uploads to `sync-url`: a function resolving the `Authorization` header value (e.g.
   * `async () => 'Bearer ' + await getToken()`), called before each request so short-lived tokens can be
   * refreshed. A property, never an attribute, so it does not appear in the DOM.
   */
  get syncAuth(): SyncAuth | null {
    return this._coreController.syncAuth;
  }

  set syncAuth(value: SyncAuth | null) {
    this._coreController.syncAuth = value;
  }

  /**
   * Credentials for reading the collector at `qa-url` (a QA lead's token): a function resolving the
   * `Authorization` header value, asked before each request. A property, never an attribute.
   */
  get qaAuth(): SyncAuth | null {
    return this._coreController.qaAuth;
  }

  set qaAuth(value: SyncAuth | null) {
    this._coreController.qaAuth = value;
  }

  /** The parsed settings in effect (defaults where an attribute is absent or invalid). */
  get settings(): Readonly<AgentAssistSettings> {
    return this._settings ?? DEFAULT_SETTINGS;
  }

  /** The core once loaded, else null. */
  private get _core(): AgentAssistCore | null {
    return this._coreController.core;
  }

  /** The core, loading it if needed: every public method goes through it. */
  private _loadCore(): Promise<AgentAssistCore> {
    return this._coreController.load();
  }

  /** Tells the host (console and `aa-error`), as the core does once loaded. */
  private _reportError(code: AaEventDetailMap['aa-error']['code'], message: string): void {
    console.warn(message);
    this.dispatchEvent(createAaEvent('aa-error', {code, message}));
  }

  /**
   * The shadow root, which the widget's entry may already have painted the first frame into (see
   * first-frame.ts): that frame goes before the first render, in the same task, so it is never seen
   * empty. Focus on one of its tabs moves to the same tab once rendered.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    const painted = this.shadowRoot;
    const focused = painted?.activeElement?.id;
    // (Before Lit's own createRenderRoot, which renders before the root's first child.)
    painted?.replaceChildren();
    if (painted && focused) void this.updateComplete.then(() => painted.getElementById(focused)?.focus());
    return super.createRenderRoot();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Parse only what changed, so one bad attribute is reported once, not on every render.
    const first = !this.hasUpdated;
    const parsed = parseChangedSettings(this, first ? null : changed, this.settings, {
      languages: navigator.languages,
      baseUrl: document.baseURI,
    });
    this._pendingProblems.push(...parsed.problems);
    if (parsed.section) this._section = parsed.section;
    if (first || changed.has('hotkey')) this._setHotkey();
    this._settings = parsed.settings;
    this._core?.configure(parsed.settings);
    this._provide();
    if (this._section === 'qa') {
      // The QA view (and its charting library) loads only when it is first opened (after a failed load,
      // again only when the tab is opened again, not on every render).
      if (!this._failedViews.has('aa-qa-view')) void this._defineLazy('aa-qa-view');
      // (With a collector, the view asks for its calls itself, with its filter.)
      const qa = this._core?.qa;
      if (qa && qa.calls === null && !qa.remote && !qa.busy) void qa.refresh();
    }
  }

  /** Gives the views a new context when the language, the pack or the date changed. */
  private _provide(): void {
    const old = this._context.value;
    const lang = this.settings.lang;
    const next: WidgetContext = {
      strings: old.lang === lang ? old.strings : uiStrings(lang),
      lang,
      pack: this._core?.content.pack ?? null,
      articlesById: this._core?.content.articlesById ?? old.articlesById,
      today: today(),
      articleBody: old.articleBody,
    };
    if (next.lang !== old.lang || next.pack !== old.pack || next.today !== old.today)
      this._context.setValue(next);
  }

  protected override updated(): void {
    if (!this._firstUpdated) {
      this._firstUpdated = true;
      // A Trusted Types CSP that refused the widget's policies: said once, naming what to allow.
      const blocked = blockedPolicies();
      if (blocked.length > 0) this._reportError('trusted-types-blocked', describeBlocked(blocked));
      // Right after the widget first appears: the core (which starts loading the pack), then, from the same
      // chunk, the knowledge panel (shown once a pack has loaded, so always defined by then) and the call
      // views (well before an agent answers a call), defined once the panels holding them have rendered.
      setTimeout(() => {
        this._loadCore().then(
          () => {
            if (templatesBlocked()) return;
            void this._defineLazy('aa-knowledge-panel');
            void this._defineCallViews();
          },
          (err: Error) => this._notAvailable('core', err)
        );
      }, 0);
      // An unfinished call of this agent (a reload mid-call) resumes at the step the log says.
      void this._coreController.loaded
        .then((core) => core.ready)
        .then(({resumed}) => {
          if (resumed && this._section !== 'qa') this._section = 'script';
        });
    }
    const problems = this._pendingProblems;
    this._pendingProblems = [];
    for (const p of problems) this._reportError('invalid-attribute', p.message);
  }

  private _defineCallViews(): Promise<unknown> {
    return Promise.all([this._defineLazy('aa-script-view'), this._defineLazy('aa-checklist-view')]);
  }

  /**
   * Loads a view's module. When it cannot be fetched (the widget's server unreachable, a file missing
   * after a deploy), the panel says so instead of staying empty, the host hears `aa-error`
   * `not-available`, and the next time the section is opened it is tried again.
   */
  private async _defineLazy(tag: LazyTag): Promise<void> {
    try {
      await AgentAssist.defineLazy?.(tag);
      if (this._failedViews.delete(tag)) this.requestUpdate();
    } catch (err) {
      if (!this._failedViews.has(tag)) {
        this._failedViews.add(tag);
        this.requestUpdate();
        this._notAvailable(tag.slice(3).replace('-', ' '), err as Error);
      }
    }
  }

  private _notAvailable(what: string, err: Error): void {
    this._reportError(
      'not-available',
      `agent-assist: the ${what} could not be loaded (${err.message}); ` +
        "the widget's files are unreachable from this page (see README, Embedding)"
    );
  }

  /** `/` from anywhere in the widget (outside a text field) focuses the search box. */
  private _onShortcut(e: KeyboardEvent): void {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTextField(e.composedPath()[0] as Element | undefined)) return;
    e.preventDefault();
    this._focusSearch();
  }

  private _focusSearch(): void {
    this._section = 'knowledge';
    void this.updateComplete.then(() => this._panel()?.focusSearch());
  }

  /** Parses `hotkey` and listens on the host's document only while one is set. */
  private _setHotkey(): void {
    const parsed = parseHotkey(this.hotkey);
    if (parsed.problem) this._pendingProblems.push(parsed.problem);
    this._hotkey = parsed.value;
    this.ownerDocument.removeEventListener('keydown', this._onHostKey);
    if (this._hotkey && this.isConnected) this.ownerDocument.addEventListener('keydown', this._onHostKey);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._hotkey) this.ownerDocument.addEventListener('keydown', this._onHostKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ownerDocument.removeEventListener('keydown', this._onHostKey);
  }

  /**
   * The end-of-call prompt (the host asked with `endCall({confirm: true})`): shown in the script section
   * with focus on "Go back", resolved by the agent's choice. A second ask while it is open shares it.
   */
  private _confirmEnd(items: AdherenceItem[]): Promise<boolean> {
    const open = this._endPrompt;
    if (open) return new Promise((resolve) => (open.answer = chain(open.answer, resolve)));
    return new Promise((resolve) => {
      this._endPrompt = {items, answer: resolve};
      this._section = 'script';
    });
  }

  private _answerEnd(end: boolean): void {
    const prompt = this._endPrompt;
    if (!prompt) return;
    this._endPrompt = null;
    // Ended: the summary takes focus once it shows (the call-end write comes first); else back to the step.
    this._focusSummary = end;
    prompt.answer(end);
    if (!end) void this._focusScript();
  }

  /** The knowledge panel, once its module has loaded (an element not yet upgraded has none of its methods). */
  private _panel(): AaKnowledgePanel | null {
    const panel = this.renderRoot.querySelector('aa-knowledge-panel');
    return panel && 'showArticle' in panel ? panel : null;
  }

  private async _showArticle(article: PageArticle, from: ArticleSource, focus = false): Promise<void> {
    this._section = 'knowledge';
    await this.updateComplete;
    this._panel()?.showArticle(article, from, focus);
  }

  private async _focusScript(): Promise<void> {
    this._section = 'script';
    await this._defineCallViews();
    await this.updateComplete;
    this.renderRoot.querySelector<AaScriptView>('aa-script-view')?.focusScript();
  }

  private async _selectSection(section: Section, focus: boolean): Promise<void> {
    this._section = section;
    // A view whose module failed to load is tried again when its section is opened.
    const tag = VIEW_OF[section];
    if (tag && this._failedViews.has(tag)) void this._defineLazy(tag);
    if (!focus) return;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#tab-${section}`)?.focus();
  }

  // The public API (the contract in shared/design/public-api.md): each delegates to the core.

  /** Starts a call: `scriptId`, else the default for `queue`, else the agent picks one. Shows the script. */
  async startCall(options?: StartCallOptions): Promise<StartCallResult> {
    const result = await (await this._loadCore()).startCall(options);
    await this._focusScript();
    return result;
  }

  /**
   * Ends the running call and resolves its adherence report; with `confirm: true` the agent is asked
   * first when items would be missed (going back rejects with code `end-cancelled`).
   */
  async endCall(options?: EndCallOptions): Promise<AdherenceReport> {
    const report = await (await this._loadCore()).endCall(options);
    // The agent ended it from the prompt inside the widget: focus follows to the summary.
    if (this._focusSummary) {
      this._focusSummary = false;
      await this._focusScript();
    }
    return report;
  }

  /** Merges more host context into the running call (display only; never logged). */
  setContext(context: Record<string, unknown>): Promise<void> {
    return this._loadCore().then((core) => core.setContext(context));
  }

  /** Searches the loaded pack: ranked hits, best first. */
  search(query: string, options?: SearchOptions): Promise<SearchResult[]> {
    return this._loadCore().then((core) => core.search(query, options));
  }

  /** Lists the loaded pack's scripts, so a host can offer its own picker. */
  listScripts(): Promise<ScriptSummary[]> {
    return this._loadCore().then((core) => core.listScripts());
  }

  /** Shows an article of the loaded pack in the knowledge panel. */
  openArticle(id: string): Promise<void> {
    return this._loadCore().then((core) => core.openArticle(id));
  }

  /** Completes the running call's current step, taking `branch` (a step id or 1-based choice) where it has choices. */
  completeStep(options?: CompleteStepOptions): Promise<void> {
    return this._loadCore().then((core) => core.completeStep(options));
  }

  /** Ticks a checklist item of the running call; `source` (`agent` or `host`) is logged with it. */
  checkItem(itemId: string, options?: CheckItemOptions): Promise<void> {
    return this._loadCore().then((core) => core.checkItem(itemId, options));
  }

  /** Skips a checklist item of the running call with the reason given (required). */
  skipItem(itemId: string, reason: string): Promise<void> {
    return this._loadCore().then((core) => core.skipItem(itemId, reason));
  }

  /** The running call (current step with its choices, items with their standing), or null. */
  getCall(): Promise<CallSnapshot | null> {
    return this._loadCore().then((core) => core.getCall());
  }

  /** Exports logged events as a Blob (`json`: whole calls with their chains; `csv`: events in range). */
  exportLog(options?: ExportLogOptions): Promise<Blob> {
    return this._loadCore().then((core) => core.exportLog(options));
  }

  /** Verifies the tamper-evident chain of one call, or of every call in the log. */
  verifyLog(options?: VerifyLogOptions): Promise<VerifyResult> {
    return this._loadCore().then((core) => core.verifyLog(options));
  }

  /** Re-fetches the content pack's manifest and applies the pack if it changed (e.g. after a deploy). */
  refreshContent(): Promise<void> {
    return this._loadCore().then((core) => core.refreshContent());
  }

  /** What the agent does in the views, forwarded to the core (made with it). */
  private _handlers: PanelHandlers | null = null;
  private readonly _shell: PanelShell = {
    showArticle: (article, from) => {
      this._returnToScript = true;
      return this._showArticle(article, from, true);
    },
    backToScript: () => {
      this._returnToScript = false;
      return this._focusScript();
    },
    answerEnd: (end) => this._answerEnd(end),
    rendered: async () => {
      // A change made outside a reactive property (the QA message) needs a render first.
      this.requestUpdate();
      await this.updateComplete;
    },
    uiStrings: () => uiStrings(this.settings.lang),
    announce: (text, urgent) => this._announcer.say({text, urgent}),
  };

  override render(): TemplateResult | string {
    const settings = this.settings;
    const strings = uiStrings(settings.lang);
    // Lit cannot make a template where the page's CSP refused its Trusted Types policy: text needs none.
    if (templatesBlocked()) return strings.trustedTypesBlocked;
    const core = this._core;
    const handlers = this._handlers;
    return renderShell({
      strings,
      settings,
      section: this._section,
      online: this._online.online,
      sync: core?.syncState ?? null,
      calls: core?.calls ?? NO_CALLS,
      onSelect: (section, focus) => void this._selectSection(section, focus),
      announcements: this._announcer.render(),
      panels:
        core && handlers
          ? renderPanels({
              core,
              strings,
              section: this._section,
              returnToScript: this._returnToScript && core.calls.call !== null,
              hotkeyLabel: this._hotkey?.label ?? null,
              endPrompt: this._endPrompt?.items ?? null,
              failedViews: this._failedViews,
              handlers,
            })
          : renderPanelsBeforeCore(strings, Boolean(settings.packUrl ?? AgentAssist.defaultPackUrl)),
    });
  }
}

/** Both answers, in order: a second endCall() waiting on the same prompt hears the same choice. */
function chain(a: (end: boolean) => void, b: (end: boolean) => void): (end: boolean) => void {
  return (end) => {
    a(end);
    b(end);
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'agent-assist': AgentAssist;
  }
}
