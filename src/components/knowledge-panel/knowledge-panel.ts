/**
 * `<aa-knowledge-panel>`: the knowledge section. Search as the agent types (debounced; nothing selected
 * until ↓ or ↑, Enter opens the selected result or else the best one), category and language filters,
 * "no results" suggestions, a browse list when the box is empty, and the article view: Esc, Backspace or
 * Alt+← return to where the agent came from (the results, with their scroll position, or the script).
 */
import {html, LitElement} from 'lit';
import {AaArticleView} from '../article-view/article-view.js';
import type {ContentPack, PageArticle} from '../../content/pack-types.js';
import {sortByTaxonomy, taxonomyLabel} from '../../content/taxonomy-label.js';
import type {UiStrings} from '../../i18n/strings.js';
import type {SearchHit} from '../../search/build-hits.js';
import type {SearchClient} from '../../search/search-client.js';
import type {ArticleSource} from '../../session/agent-assist-core.js';
import {emit} from '../emit.js';
import {isTextField} from '../text-field.js';
import {uiFormats, warmUpIntl} from '../../i18n/format.js';
import {BROWSE_EXPANDED_LIMIT, renderBrowse} from './browse-list.js';
import type {BrowseGroups} from './browse-list.js';
import {WidgetContextConsumer} from '../../controllers/widget-context.js';
import {componentStyles} from '../../styles/component.styles.js';
import {knowledgePanelStyles} from './knowledge-panel.styles.js';

/** Wait after the last keystroke before searching: long enough to skip mid-word queries, short enough to feel instant. */
export const SEARCH_DEBOUNCE_MS = 80;

/**
 * @summary Knowledge search, browse and article view.
 * @fires aa-internal-search - A search ran: `{query, resultCount}` (the shell re-fires it as `aa-search`).
 * @fires aa-internal-article-open - An article was shown: `{id, from}`.
 * @fires aa-internal-back-to-script - The agent asked to go back to the call script (Esc from an
 *   article opened from it, or from an empty search box).
 * @fires aa-internal-article-feedback - The agent rated the article shown (passed on from the article view).
 * @fires aa-internal-search-clear - The agent emptied the search box (the searches typed were given up).
 */
export class AaKnowledgePanel extends LitElement {
  static override styles = [componentStyles, knowledgePanelStyles];

  static override properties = {
    client: {attribute: false},
    hotkey: {},
    _query: {state: true},
    _hits: {state: true},
    _suggestions: {state: true},
    _active: {state: true},
    _category: {state: true},
    _allLangs: {state: true},
    _article: {state: true},
    _expanded: {state: true},
  };

  /** Runs the searches (in the search worker, or on the page). */
  declare client: SearchClient | null;
  /** The host page's shortcut to the search box (`hotkey`), named in the placeholder; null without one. */
  declare hotkey: string | null;
  /** Strings, language, pack and date from the root (Lit context). */
  private readonly _widget = new WidgetContextConsumer(this);
  /** The pack and language the derived lists and results were made for. */
  private _madeFor: {pack: ContentPack | null; lang: string} = {pack: null, lang: ''};
  declare private _query: string;
  declare private _hits: SearchHit[];
  declare private _suggestions: string[];
  declare private _active: number;
  declare private _category: string | null;
  declare private _allLangs: boolean;
  declare private _article: PageArticle | null;
  /** Where the open article was first opened from: Esc goes back there. */
  private _articleFrom: ArticleSource | null = null;
  /** Browse groups the agent expanded. */
  declare private _expanded: Set<string>;
  /** The browse list's groups (ordered in the search worker), and for which pack and filter. */
  private _groupCache: {pack: ContentPack; key: string; groups: BrowseGroups} | null = null;
  private _groupsAsked: {pack: ContentPack; key: string} | null = null;
  private _browsing: Promise<void> = Promise.resolve();

  private _timer: ReturnType<typeof setTimeout> | undefined;
  /** The search in flight, so Enter right after typing opens its first result, not a stale one. */
  private _inflight: Promise<void> = Promise.resolve();
  /** The pack's categories, for the filter chips. */
  private _categories: string[] = [];
  private _savedScroll = 0;

  constructor() {
    super();
    this.client = null;
    this.hotkey = null;
    this._query = '';
    this._hits = [];
    this._suggestions = [];
    this._active = -1;
    this._category = null;
    this._allLangs = true;
    this._article = null;
    this._expanded = new Set();
  }

  /** Resolves once the browse list asked for last has arrived and rendered (tests wait for it). */
  get browsing(): Promise<void> {
    return this._browsing.then(() => this.updateComplete).then(() => undefined);
  }

  /** The article on screen, if any. */
  get article(): PageArticle | null {
    return this._article;
  }

  /** Moves focus to the search box (the `/` shortcut). */
  focusSearch(): void {
    this._article = null;
    this._articleFrom = null;
    void this.updateComplete.then(() => {
      const input = this.renderRoot.querySelector<HTMLInputElement>('input[type=search]');
      input?.focus();
      input?.select();
    });
  }

  /**
   * Shows an article. `focus` moves keyboard focus to its title: right when the agent opened it inside
   * the widget, wrong when the host opened it (the agent may be typing in the CRM).
   */
  showArticle(article: PageArticle, from: ArticleSource, focus = false): void {
    if (!this._article) {
      this._savedScroll = this._scroller()?.scrollTop ?? 0;
      // A linked article opened from this one keeps the way back to where the first came from.
      this._articleFrom = from;
    }
    this._article = article;
    emit(this, 'aa-internal-article-open', {id: article.id, from});
    if (focus) {
      void this.updateComplete
        .then(() => this.renderRoot.querySelector('aa-article-view')?.updateComplete)
        .then(() => this.renderRoot.querySelector('aa-article-view')?.focusTitle());
    }
  }

  protected override firstUpdated(): void {
    // Options are picked from the keyboard through the combobox (arrows + Enter); a click on an option
    // is handled here, delegated, since the options themselves are not focusable.
    this.renderRoot.addEventListener('click', (e) => {
      const option = (e.target as Element).closest?.('[role=option]');
      if (option) this._openHit(this._hits[Number(option.getAttribute('data-index'))]);
    });
    // The article sanitizer loads after the first render, so the first article opens without waiting.
    setTimeout(() => void AaArticleView.preload(), 0);
    // The browse list formats numbers and language names when the pack arrives: Intl starts before that.
    warmUpIntl(this._widget.lang);
  }

  protected override willUpdate(): void {
    const packChanged = this._widget.pack !== this._madeFor.pack;
    const langChanged = this._widget.lang !== this._madeFor.lang;
    this._madeFor = {pack: this._widget.pack, lang: this._widget.lang};
    if (packChanged && this._widget.pack && this._article) {
      // Live preview / content update: follow the article, or close it if it is gone.
      this._article = this._widget.articlesById.get(this._article.id) ?? null;
    }
    if (packChanged) {
      // Once per pack, not per render: the panel re-renders on every keystroke, and a pack may hold 40k articles.
      // The content's declared order (categories.yaml), then any undeclared ones alphabetically.
      const declared = this._widget.pack?.manifest.taxonomy?.categories;
      this._categories = sortByTaxonomy(declared, this._widget.pack?.articles.distinct('category') ?? []);
    }
    if ((packChanged || langChanged) && this._query) void this._runSearch(false);
  }

  private _scroller(): HTMLElement | null {
    // The shell's panel scrolls, not this element: find the nearest scrolling ancestor across the shadow root.
    const host = (this.getRootNode() as ShadowRoot).host as HTMLElement | undefined;
    return host?.shadowRoot?.querySelector<HTMLElement>('#panel-knowledge') ?? null;
  }

  private _onInput(e: InputEvent): void {
    this._query = (e.target as HTMLInputElement).value;
    if (this._query.trim() === '') emit(this, 'aa-internal-search-clear');
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._runSearch(true), SEARCH_DEBOUNCE_MS);
  }

  private _runSearch(report: boolean): Promise<void> {
    clearTimeout(this._timer);
    this._timer = undefined;
    this._inflight = this._search(report);
    return this._inflight;
  }

  private async _search(report: boolean): Promise<void> {
    const client = this.client;
    const query = this._query.trim();
    if (!client || query === '') {
      this._hits = [];
      this._suggestions = [];
      return;
    }
    const filters = {
      ...(this._category ? {category: this._category} : {}),
      ...(this._allLangs ? {} : {lang: this._widget.lang}),
    };
    let hits;
    try {
      const request = {limit: 20, filters, preferLang: this._widget.lang, today: this._widget.today};
      hits = await client.search(query, request, true);
    } catch {
      return; // No index (yet): the shell reports load errors; the box keeps what it showed.
    }
    // Overtaken by a newer keystroke: its results will arrive.
    if (hits === null || query !== this._query.trim()) return;
    const suggestions = hits.length === 0 ? await client.suggest(query).catch(() => []) : [];
    if (query !== this._query.trim()) return;
    this._hits = hits;
    this._suggestions = suggestions;
    // Nothing is selected until the agent moves: ↓ then Enter opens the first result, not the second.
    this._active = -1;
    if (report) emit(this, 'aa-internal-search', {query, resultCount: hits.length});
  }

  private _onKeydown(e: KeyboardEvent): void {
    const n = this._hits.length;
    if (e.key === 'ArrowDown' && n > 0) {
      e.preventDefault();
      this._active = (this._active + 1) % n;
    } else if (e.key === 'ArrowUp' && n > 0) {
      e.preventDefault();
      this._active = this._active <= 0 ? n - 1 : this._active - 1;
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Enter right after typing must not wait for the debounce, nor open a result of the previous query;
      // with nothing selected it opens the best result.
      const typing = this._timer !== undefined;
      const pending = typing ? this._runSearch(true) : this._inflight;
      void pending.then(() => this._openHit(this._hits[Math.max(0, typing ? 0 : this._active)]));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (this._query) {
        this._query = '';
        this._hits = [];
        this._suggestions = [];
        this._active = -1;
        emit(this, 'aa-internal-search-clear');
      } else {
        // An empty box: Esc goes back to the call, if one runs (the shell decides).
        emit(this, 'aa-internal-back-to-script');
      }
    }
  }

  /** Esc, Backspace or Alt+← in an article: back to where the agent came from. */
  private _onArticleKeydown(e: KeyboardEvent): void {
    const target = e.composedPath()[0] as Element;
    if (isTextField(target)) return;
    const back =
      (e.key === 'Escape' && !e.altKey && !e.ctrlKey && !e.metaKey) ||
      (e.key === 'Backspace' && !e.altKey && !e.ctrlKey && !e.metaKey) ||
      (e.key === 'ArrowLeft' && e.altKey);
    if (!back) return;
    e.preventDefault();
    if (this._articleFrom === 'script') {
      this._article = null;
      emit(this, 'aa-internal-back-to-script');
    } else {
      void this._back();
    }
  }

  private _openHit(hit: SearchHit | undefined): void {
    const article = hit && this._widget.articlesById.get(hit.id);
    if (article) this.showArticle(article, 'search', true);
  }

  private async _back(): Promise<void> {
    this._article = null;
    this._articleFrom = null;
    await this.updateComplete;
    const scroller = this._scroller();
    // Focus without scrolling: the box is at the top, and the agent comes back to where they were.
    this.renderRoot.querySelector<HTMLInputElement>('input[type=search]')?.focus({preventScroll: true});
    if (scroller) scroller.scrollTop = this._savedScroll;
  }

  private _setCategory(category: string | null): void {
    this._category = category;
    void this._runSearch(false);
  }

  private _useSuggestion(s: string): void {
    this._query = s;
    void this._runSearch(true);
  }

  private _openLinked(e: CustomEvent<{id: string}>): void {
    const article = this._widget.articlesById.get(e.detail.id);
    if (article) this.showArticle(article, 'api', true);
  }

  override render() {
    const s = this._widget.strings;
    const pack = this._widget.pack;
    if (!s || !pack) return html``;
    if (this._article) {
      return html`
        <div class="article-mode" @keydown=${this._onArticleKeydown}>
          <button class="link-button back" @click=${this._back}>← ${s.back}</button>
          <aa-article-view
            .article=${this._article}
            @aa-internal-article-link=${this._openLinked}
            @aa-internal-article-feedback=${(e: CustomEvent) => emit(this, 'aa-internal-article-feedback', e.detail)}
          ></aa-article-view>
        </div>
      `;
    }
    const categories = this._categories;
    const activeId = this._active >= 0 && this._active < this._hits.length ? `hit-${this._active}` : '';
    return html`
      <input
        class="search"
        type="search"
        role="combobox"
        aria-label=${s.searchLabel}
        aria-expanded=${this._hits.length > 0 ? 'true' : 'false'}
        aria-controls="results"
        aria-activedescendant=${activeId}
        aria-autocomplete="list"
        placeholder=${s.searchPlaceholder(this.hotkey)}
        .value=${this._query}
        @input=${this._onInput}
        @keydown=${this._onKeydown}
      />
      <div class="chips" role="group" aria-label=${s.filters}>
        <button
          class="chip"
          aria-pressed=${this._category === null ? 'true' : 'false'}
          @click=${() => this._setCategory(null)}
        >
          ${s.allCategories}
        </button>
        ${categories.map(
          (c) =>
            html`<button
              class="chip"
              aria-pressed=${this._category === c ? 'true' : 'false'}
              @click=${() => this._setCategory(this._category === c ? null : c)}
            >
              ${taxonomyLabel(this._widget.pack?.manifest.taxonomy?.categories, c, this._widget.lang)}
            </button>`
        )}
        <button
          class="chip"
          aria-pressed=${this._allLangs ? 'true' : 'false'}
          @click=${() => {
            this._allLangs = !this._allLangs;
            void this._runSearch(false);
          }}
        >
          ${s.allLanguages}
        </button>
      </div>
      ${this._query.trim() ? this._renderResults(s) : this._renderBrowse(s, pack)}
    `;
  }

  private _renderResults(s: UiStrings) {
    if (this._hits.length === 0) {
      return html`
        <p class="muted" role="status">${s.noResults(this._query.trim())}</p>
        ${
          this._suggestions.length > 0
            ? html`<p class="muted">
                ${s.didYouMean}
                ${this._suggestions.map(
                  (x) =>
                    html`<button class="link-button suggestion" @click=${() => this._useSuggestion(x)}>
                      ${x}
                    </button>`
                )}
              </p>`
            : null
        }
      `;
    }
    return html`
      <p class="count" role="status">${s.results(this._hits.length)}</p>
      <ul class="results" id="results" role="listbox" aria-label=${s.searchLabel}>
        ${this._hits.map(
          (h, i) => html`
            <li
              class="result"
              id="hit-${i}"
              role="option"
              lang=${h.lang}
              data-index=${i}
              aria-selected=${i === this._active ? 'true' : 'false'}
            >
              <div class="title">
                ${h.title} ${h.stale ? html`<span class="badge">${s.reviewOverdue}</span>` : null}
              </div>
              <div class="snippet">
                ${h.snippetParts.map((p) => (p.hit ? html`<mark>${p.text}</mark>` : p.text))}
              </div>
            </li>
          `
        )}
      </ul>
    `;
  }

  /**
   * Groups for the browse list, asked of the search worker when the pack, language or filters change
   * (ordering 40k titles takes it about a second); the previous groups show meanwhile.
   */
  private _groups(pack: ContentPack): BrowseGroups {
    const key = `${this._widget.lang}|${this._category ?? ''}|${this._allLangs}`;
    const cached = this._groupCache;
    if (cached?.pack === pack && cached.key === key) return cached.groups;
    const asked = this._groupsAsked;
    if (this.client && !(asked?.pack === pack && asked.key === key)) {
      this._groupsAsked = {pack, key};
      const filter = {
        lang: this._widget.lang,
        category: this._category,
        allLangs: this._allLangs,
        categories: pack.manifest.taxonomy?.categories,
      };
      this._browsing = this.client.browse(filter, BROWSE_EXPANDED_LIMIT).then(
        (order) => {
          if (this._groupsAsked?.pack !== pack || this._groupsAsked.key !== key) return;
          const groups: BrowseGroups = new Map(order.map(([group, ids, total]) => [group, {ids, total}]));
          this._groupCache = {pack, key, groups};
          this.requestUpdate();
        },
        () => {
          // No index (a pack that failed to load): asked again on the next render with a pack.
          if (this._groupsAsked?.pack === pack && this._groupsAsked.key === key) this._groupsAsked = null;
        }
      );
    }
    return cached?.pack === pack ? cached.groups : new Map();
  }

  private _renderBrowse(s: UiStrings, pack: ContentPack) {
    return renderBrowse({
      groups: this._groups(pack),
      strings: s,
      expanded: this._expanded,
      formats: uiFormats(this._widget.lang),
      today: this._widget.today,
      lang: this._widget.lang,
      categories: pack.manifest.taxonomy?.categories,
      article: (id) => this._widget.articlesById.get(id),
      open: (a) => this.showArticle(a, 'search', true),
      expand: (group) => (this._expanded = new Set([...this._expanded, group])),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-knowledge-panel': AaKnowledgePanel;
  }
}
