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
import type {PackArticle} from '../../content/pack-types.js';
import {buildHits} from '../../search/build-hits.js';
import type {SearchHit} from '../../search/build-hits.js';
import {createSearchWorker} from '../../search/create-search-worker.js';
import {SearchClient} from '../../search/search-client.js';
import type {AaKnowledgePanel, ArticleSource} from '../knowledge-panel/knowledge-panel.js';
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

  private readonly _online = new OnlineStatusController(this);
  private readonly _content = new ContentPackController(this, {
    onApplied: (pack) => {
      this._articlesById = new Map(pack.articles.map((a) => [a.id, a]));
      this._loadSearchIndex();
      this.dispatchEvent(
        createAaEvent('aa-content-update', {
          contentHash: pack.manifest.contentHash,
          appliedAt: new Date().toISOString(),
        })
      );
    },
    onError: (error) => {
      console.warn(error.message);
      this.dispatchEvent(createAaEvent('aa-error', {code: error.code, message: error.message}));
    },
  });
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

  private _loadSearchIndex(): void {
    const pack = this._content.pack;
    if (!pack) return;
    this._search.load(pack.manifestUrl, pack.manifest.files.searchIndex).catch((err: Error) => {
      const message = err.message.startsWith('content pack:') ? err.message : `search: ${err.message}`;
      console.warn(message);
      this.dispatchEvent(createAaEvent('aa-error', {code: 'pack-invalid', message}));
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a removal: the worker was stopped, so load the index again.
    if (this._search.mode === 'none') this._loadSearchIndex();
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

  private async _showArticle(article: PackArticle, from: ArticleSource): Promise<void> {
    this._section = 'knowledge';
    await this.updateComplete;
    this._panel()?.showArticle(article, from);
  }

  private _onPanelArticleOpen(e: CustomEvent<{id: string; from: ArticleSource}>): void {
    e.stopPropagation();
    this.dispatchEvent(createAaEvent('aa-article-open', {articleId: e.detail.id, from: e.detail.from}));
  }

  private _onPanelSearch(e: CustomEvent<{query: string; resultCount: number}>): void {
    e.stopPropagation();
    this.dispatchEvent(createAaEvent('aa-search', e.detail));
  }

  protected override updated(): void {
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

  /** Starts a call session. */
  startCall(_options?: {callId?: string; scriptId?: string; context?: object}): Promise<{callId: string}> {
    return this._notAvailable('startCall', 'call scripts');
  }

  /** Ends the running call and resolves its adherence report. */
  endCall(_options?: {outcome?: string}): Promise<AdherenceReport> {
    return this._notAvailable('endCall', 'call scripts');
  }

  /** Merges more host context into the running call. */
  setContext(_context: object): Promise<void> {
    return this._notAvailable('setContext', 'call scripts');
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

  /** Lists the loaded pack's scripts. */
  listScripts(): Promise<{id: string; title: string; lang: string; queues: string[]}[]> {
    return this._notAvailable('listScripts', 'call scripts');
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

  /** Completes the running call's current step. */
  completeStep(_options?: {branch?: string | number}): Promise<void> {
    return this._notAvailable('completeStep', 'call scripts');
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
  getCall(): Promise<null> {
    // Until call scripts land no call can be running, so null is the true answer.
    return Promise.resolve(null);
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
      script: html`<p class="unavailable">${s.scriptNotAvailable}</p>`,
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
