/**
 * `<aa-article-view>`: one article, sanitized before it reaches the DOM, with its review status. Links
 * to other articles are announced with `aa-internal-article-link` for the shell to follow.
 */
import {html, LitElement} from 'lit';
import type {PropertyValues} from 'lit';
import type {PackArticle} from '../../content/pack-types.js';
import {sanitizeArticle} from '../../content/sanitize-article.js';
import type {UiStrings} from '../../i18n/strings.js';
import {componentStyles} from '../../styles/component.styles.js';
import {articleViewStyles} from './article-view.styles.js';

/**
 * @summary Shows one knowledge article.
 * @fires aa-internal-article-link - A link to another article was followed: `{id}` (stays inside the widget).
 * @csspart body - The article's rendered markdown.
 */
export class AaArticleView extends LitElement {
  static override styles = [componentStyles, articleViewStyles];

  static override properties = {
    article: {attribute: false},
    strings: {attribute: false},
    today: {},
  };

  /** The article to show. */
  declare article: PackArticle | null;
  /** UI strings in the widget's language. */
  declare strings: UiStrings | null;
  /** Today's date (`YYYY-MM-DD`), to tell whether the article is overdue for review. */
  declare today: string;

  constructor() {
    super();
    this.article = null;
    this.strings = null;
    this.today = new Date().toISOString().slice(0, 10);
  }

  protected override firstUpdated(): void {
    // Delegated on the root: article links are real <a> elements, so Enter already fires click on them.
    this.renderRoot.addEventListener('click', (e) => this._onClick(e));
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('article')) return;
    const body = this.renderRoot.querySelector('.body');
    if (!body) return;
    body.replaceChildren(this.article ? sanitizeArticle(this.article.html) : '');
  }

  private _onClick(e: Event): void {
    const link = (e.target as Element).closest?.('a[data-aa-article]');
    if (!link) return;
    e.preventDefault();
    this.dispatchEvent(
      new CustomEvent('aa-internal-article-link', {
        detail: {id: link.getAttribute('data-aa-article')},
        bubbles: true,
      })
    );
  }

  override render() {
    const a = this.article;
    const s = this.strings;
    if (!a || !s) return html``;
    const stale = a.reviewBy !== '' && a.reviewBy < this.today;
    return html`
      <article lang=${a.lang} aria-labelledby="title">
        <h2 id="title">${a.title}</h2>
        <p class="meta">
          ${s.categoryNames[a.category] ?? a.category} · ${s.updatedOn(a.updated)} · ${a.owner}
        </p>
        ${stale ? html`<p class="stale" role="note">${s.overdueForReview(a.reviewBy)}</p>` : null}
        <!-- Filled in updated() with a sanitized fragment: no HTML string reaches the DOM. -->
        <div class="body" part="body"></div>
      </article>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-article-view': AaArticleView;
  }
}
