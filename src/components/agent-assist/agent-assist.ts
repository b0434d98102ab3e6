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
  parseTheme,
} from '../../config/parse-attributes.js';
import type {AttributeProblem, Theme, UiLang} from '../../config/parse-attributes.js';
import type {PackArticle, PackFileRef} from '../../content/pack-types.js';
import {buildHits} from '../../search/build-hits.js';
import type {SearchHit} from '../../search/build-hits.js';
import {createSearchWorker} from '../../search/create-search-worker.js';
import {SearchClient} from '../../search/search-client.js';
import type {ScriptMove} from '../../scripting/types.js';
import type {AaKnowledgePanel, ArticleSource} from '../knowledge-panel/knowledge-panel.js';
import type {AaScriptView} from '../script-view/script-view.js';
import {CallController, defaultScriptFor} from '../../controllers/call-controller.js';
import {ContentPackController} from '../../controllers/content-pack-controller.js';
import {OnlineStatusController} from '../../controllers/online-status-controller.js';
import {createAaEvent} from '../../events/aa-event.js';
import type {AdherenceReport} from '../../events/aa-event.js';
import {uiStrings} from '../../i18n/strings.js';
import {componentStyles} from '../../styles/component.styles.js';
import {tokenStyles} from '../../styles/tokens.styles.js';
import {agentAssistStyles} from './agent-assist.styles.js';

const today = () => new Date().toISOString().slice(0, 10);

/** The sections of the shell, in tab order. */
const SECTIONS = ['knowledge', 'script', 'checklist'] as const;
type Section = (typeof SECTIONS)[number];

/** Settings after parsing; what the rest of the widget reads instead of raw attributes. */
export interface AgentAssistSettings {
  agentId: string;
  lang: UiLang;
  theme: Theme;
  queue: string | null;
  /** Absolute URL of the content pack manifest, or null for the one next to the script. */
  packUrl: string | null;
  syncUrl: string | null;
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

  static override properties = {
    agentId: {attribute: 'agent-id'},
    uiLang: {attribute: 'lang'},
    theme: {},
    queue: {},
    packUrl: {attribute: 'pack-url'},
    syncUrl: {attribute: 'sync-url'},
    _section: {state: true},
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
  declare private _section: Section;
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
    onEnd: (report) => this.dispatchEvent(createAaEvent('aa-call-end', report)),
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
    this._section = 'knowledge';
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
    this._settings = next;
    if (first || changed.has('packUrl')) {
      const url = next.packUrl ?? AgentAssist.defaultPackUrl;
      if (url) void this._content.load(url);
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
      // An unfinished call of this agent (a reload mid-call) resumes at the step the log says.
      this._resumeChecked = true;
      void this._calls.resume(this._settings.agentId).then((resumed) => {
        if (resumed) this._section = 'script';
      });
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

  private _notAvailable(method: string, capability: string): Promise<never> {
    return Promise.reject(
      new Error(`agent-assist: ${method}() is not available in this build yet (${capability} has not landed)`)
    );
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

  /** Ticks a checklist item. */
  checkItem(_itemId: string, _options?: {source?: 'agent' | 'host'}): Promise<void> {
    return this._notAvailable('checkItem', 'compliance checklists');
  }

  /** Skips a checklist item with a reason. */
  skipItem(_itemId: string, _reason: string): Promise<void> {
    return this._notAvailable('skipItem', 'compliance checklists');
  }

  /** Resolves the running call's state, or null when no call runs. */
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
    // Checklist items arrive with compliance checklists; until then the list is empty.
    return {
      callId: call.callId,
      scriptId: call.scriptId,
      stepId: this._calls.state?.currentStepId ?? null,
      items: [],
    };
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
    if (script) await this._calls.switchScript(script);
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

  /** Exports logged events as a Blob. */
  exportLog(_options: {since?: string; until?: string; format: 'json' | 'csv'}): Promise<Blob> {
    return this._notAvailable('exportLog', 'the event log');
  }

  /** Verifies the tamper-evident log chain. */
  verifyLog(_options?: {callId?: string}): Promise<{ok: boolean; checked: number; brokenAt?: string}> {
    return this._notAvailable('verifyLog', 'the event log');
  }

  override render() {
    const s = uiStrings(this._settings.lang);
    const labels: Record<Section, string> = {
      knowledge: s.tabKnowledge,
      script: s.tabScript,
      checklist: s.tabChecklist,
    };
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
        @aa-internal-move=${this._onMove}
        @aa-internal-choose-script=${this._onChooseScript}
        @aa-internal-open-article=${this._onScriptArticle}
      ></aa-script-view>`,
      checklist: html`<p class="unavailable">${s.checklistNotAvailable}</p>`,
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
          </div>
        </header>
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
