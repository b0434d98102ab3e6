/**
 * `<aa-article-view>`: one article, sanitized before it reaches the DOM, with its freshness (updated,
 * owner, review overdue) and one-key feedback for the editors. Links to other articles are announced with
 * `aa-internal-article-link` for the shell to follow.
 */
import {html, LitElement} from 'lit';
import type {PropertyValues} from 'lit';
import type {PageArticle} from '../../content/pack-types.js';
import {taxonomyLabel} from '../../content/taxonomy-label.js';
import type * as SanitizeModule from '../../content/sanitize-article.js';
import {uiFormats} from '../../i18n/format.js';
import {emit} from '../emit.js';
import {WidgetContextConsumer} from '../../controllers/widget-context.js';
import {componentStyles} from '../../styles/component.styles.js';
import {articleViewStyles} from './article-view.styles.js';

/** Feedback ratings with their keys (the same in both languages: the agent's hands learn one set). */
const FEEDBACK_KEYS = {h: 'helpful', o: 'outdated', w: 'wrong', m: 'missing'} as const;
type Rating = (typeof FEEDBACK_KEYS)[keyof typeof FEEDBACK_KEYS];

/** `aa-internal-article-feedback`'s detail: `reply` says whether it was logged. */
export interface ArticleFeedbackRequest {
  articleId: string;
  rating: Rating;
  comment: string;
  reply(ok: boolean): void;
}

/**
 * @summary Shows one knowledge article.
 * @fires aa-internal-article-link - A link to another article was followed: `{id}` (stays inside the widget).
 * @fires aa-internal-article-feedback - The agent rated the article: {@link ArticleFeedbackRequest}.
 * @csspart body - The article's rendered markdown.
 * @csspart freshness - The updated date, owner and review-overdue badge.
 * @csspart feedback - The feedback keys and comment.
 */
export class AaArticleView extends LitElement {
  static override styles = [componentStyles, articleViewStyles];

  static override properties = {
    article: {attribute: false},
    _rating: {state: true},
    _sent: {state: true},
  };

  /** The article to show. */
  declare article: PageArticle | null;
  /** Strings, language, pack and date from the root (Lit context). */
  private readonly _widget = new WidgetContextConsumer(this);

  /** A rating chosen that waits for its optional comment. */
  declare private _rating: Rating | null;
  /** The rating last sent for this article, or `failed`. */
  declare private _sent: Rating | 'failed' | null;

  constructor() {
    super();
    this.article = null;
    this._rating = null;
    this._sent = null;
  }

  /** Moves focus to the article's title, so a screen reader announces it and keys stay in the widget. */
  focusTitle(): void {
    this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
  }

  protected override firstUpdated(): void {
    // Delegated on the root: article links are real <a> elements, so Enter already fires click on them.
    this.renderRoot.addEventListener('click', (e) => this._onClick(e));
    this.addEventListener('keydown', (e) => this._onFeedbackKey(e));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('article') && changed.get('article')?.id !== this.article?.id) {
      this._rating = null;
      this._sent = null;
    }
  }

  /** H, O, W, M anywhere in the article (not while typing in a field, not with a modifier). */
  private _onFeedbackKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || !this.article) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)))
      return;
    const rating = FEEDBACK_KEYS[e.key.toLowerCase() as keyof typeof FEEDBACK_KEYS];
    if (!rating) return;
    e.preventDefault();
    this._choose(rating);
  }

  /** Helpful is sent at once; the other ratings ask for an optional comment first (Enter sends). */
  private _choose(rating: Rating): void {
    if (rating === 'helpful') {
      this._send(rating, '');
      return;
    }
    this._rating = rating;
    this._sent = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('.comment')?.focus());
  }

  private _send(rating: Rating, comment: string): void {
    const article = this.article;
    if (!article) return;
    this._rating = null;
    const request: ArticleFeedbackRequest = {
      articleId: article.id,
      rating,
      comment,
      reply: (ok) => {
        if (this.article === article) this._sent = ok ? rating : 'failed';
      },
    };
    emit(this, 'aa-internal-article-feedback', request);
  }

  private _onCommentSubmit(e: Event): void {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('.comment');
    if (this._rating) this._send(this._rating, input?.value ?? '');
  }

  private _renderFeedback(s: NonNullable<typeof this._widget.strings>) {
    const keyOf = (r: Rating) =>
      Object.entries(FEEDBACK_KEYS)
        .find(([, v]) => v === r)![0]
        .toUpperCase();
    return html`
      <section class="feedback" part="feedback" aria-label=${s.feedbackPrompt}>
        <span class="prompt" title=${s.feedbackKeys}>${s.feedbackPrompt}</span>
        ${Object.values(FEEDBACK_KEYS).map(
          (r) =>
            html`<button
              class="rate"
              data-rating=${r}
              aria-keyshortcuts=${keyOf(r)}
              aria-pressed=${this._rating === r || this._sent === r ? 'true' : 'false'}
              @click=${() => this._choose(r)}
            >
              ${s.feedbackRatings[r]} <kbd>${keyOf(r)}</kbd>
            </button>`
        )}
        ${
          this._rating
            ? html`<form class="comment-form" @submit=${this._onCommentSubmit}>
                <input
                  class="comment"
                  maxlength="500"
                  aria-label=${s.feedbackComment}
                  placeholder=${s.feedbackComment}
                />
                <button type="submit">${s.feedbackSend}</button>
              </form>`
            : null
        }
        <p class="sent" role="status">
          ${
            this._sent === 'failed'
              ? s.feedbackFailed
              : this._sent
                ? s.feedbackThanks(s.feedbackRatings[this._sent] ?? this._sent)
                : ''
          }
        </p>
      </section>
    `;
  }

  /**
   * The sanitizer (DOMPurify) loads with the first article, not with the widget: agents search before
   * they read, and the first render of the widget should not wait for it. `updateComplete` includes the
   * body being filled in.
   */
  private static _sanitizer: Promise<typeof SanitizeModule> | null = null;
  private _filled: Promise<void> = Promise.resolve();

  /** Starts loading the sanitizer (the knowledge panel calls this once the widget has rendered). */
  static preload(): Promise<typeof SanitizeModule> {
    return (AaArticleView._sanitizer ??= import('../../content/sanitize-article.js'));
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await this._filled;
    return result;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('article')) return;
    const article = this.article;
    // The page holds articles without their HTML: it is read (from the search worker) as the sanitizer loads.
    // (An article given with its HTML, as a view mounted on its own may be, shows that.)
    const held = (article as {html?: unknown} | null)?.html;
    const html =
      typeof held === 'string'
        ? Promise.resolve(held)
        : article
          ? this._widget.articleBody(article.id)
          : Promise.resolve(null);
    this._filled = Promise.all([AaArticleView.preload(), html]).then(
      ([{sanitizeArticle}, body]) => {
        // A newer article may have been set meanwhile: it fills the body itself.
        if (this.article === article) this._fill(body === null ? null : sanitizeArticle(body));
      },
      (err: Error) => {
        if (this.article !== article) return;
        const problem = document.createElement('p');
        problem.className = 'body-problem';
        problem.setAttribute('role', 'alert');
        problem.textContent = this._widget.strings?.articleUnavailable(err.message) ?? err.message;
        this._fill(null, problem);
      }
    );
  }

  private _fill(sanitized: DocumentFragment | null, problem?: HTMLElement): void {
    const body = this.renderRoot.querySelector('.body');
    if (!body) return;
    if (problem) {
      body.replaceChildren(problem);
      return;
    }
    const fragment = sanitized ?? document.createDocumentFragment();
    // A copy button after each paragraph and list item: agents paste answers into chats and notes.
    for (const block of fragment.querySelectorAll('p, li')) {
      const button = document.createElement('button');
      button.className = 'copy-block';
      button.type = 'button';
      button.textContent = this._widget.strings?.copyParagraph ?? 'Copy';
      button.setAttribute(
        'aria-label',
        `${this._widget.strings?.copyParagraph ?? 'Copy'}: ${block.textContent?.slice(0, 40) ?? ''}`
      );
      block.append(button);
    }
    body.replaceChildren(fragment);
  }

  /** Copies text; falls back to a hidden textarea where the Clipboard API is unavailable (http hosts). */
  private async _copy(text: string, button: HTMLElement): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      area.style.position = 'fixed';
      area.style.opacity = '0';
      this.renderRoot.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    const label = button.textContent;
    button.textContent = this._widget.strings?.copied ?? 'Copied';
    setTimeout(() => (button.textContent = label), 1200);
  }

  /** Text of a block without its copy button. */
  private _blockText(block: Element): string {
    const clone = block.cloneNode(true) as Element;
    clone.querySelectorAll('.copy-block').forEach((b) => b.remove());
    return clone.textContent?.trim() ?? '';
  }

  private _related(): PageArticle[] {
    const a = this.article;
    if (!a || !this._widget.pack) return [];
    const linked = new Set(a.links);
    const tags = new Set(a.tags);
    const articles = this._widget.pack.articles;
    // Rows, not article objects, and no text decoded in the loop (the language, category and tags are
    // held once per distinct value): at 40k articles only the few related ones are made.
    const self = articles.rowOf(a.id);
    const linkedRows = new Set([...linked].map((id) => articles.rowOf(id)));
    const scored: {row: number; score: number}[] = [];
    for (let row = 0; row < articles.size; row++) {
      if (row === self || articles.field('lang', row) !== a.lang) continue;
      const score =
        (linkedRows.has(row) ? 3 : 0) +
        (articles.field('category', row) === a.category ? 1 : 0) +
        articles.field('tags', row).filter((t) => tags.has(t)).length;
      if (score > 1) scored.push({row, score});
    }
    // Each title decoded once, not at every comparison.
    const titles = new Map<number, string>();
    const title = (row: number) => titles.get(row) ?? titles.set(row, articles.field('title', row)).get(row)!;
    scored.sort((p, q) => q.score - p.score || title(p.row).localeCompare(title(q.row)));
    return scored.slice(0, 4).map((r) => articles.get(articles.id(r.row))!);
  }

  private _onClick(e: Event): void {
    const target = e.target as Element;
    const copy = target.closest?.('.copy-block');
    if (copy) {
      void this._copy(this._blockText(copy.parentElement!), copy as HTMLElement);
      return;
    }
    const link = target.closest?.('a[data-aa-article]');
    if (link) {
      e.preventDefault();
      emit(this, 'aa-internal-article-link', {id: link.getAttribute('data-aa-article')});
      return;
    }
    // An `#anchor` in the article: followed by the browser, it would change the host page's URL (or, as a
    // new tab, open the host page). Scroll to it in the article instead.
    const anchor = target.closest?.('.body a[href^="#"]');
    if (anchor) {
      e.preventDefault();
      void this._scrollToAnchor(anchor.getAttribute('href')!.slice(1));
    }
  }

  /** Scrolls the article to the element `#fragment` names (ids carry the sanitizer's prefix) and focuses it. */
  private async _scrollToAnchor(fragment: string): Promise<void> {
    const {ARTICLE_ID_PREFIX} = await AaArticleView.preload();
    let id = fragment;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      // Not percent-encoded: used as written.
    }
    const body = this.renderRoot.querySelector('.body');
    const to =
      body?.querySelector<HTMLElement>(`[id="${CSS.escape(ARTICLE_ID_PREFIX + id)}"]`) ??
      body?.querySelector<HTMLElement>(`[id="${CSS.escape(id)}"]`);
    if (!to) return;
    if (!to.hasAttribute('tabindex')) to.setAttribute('tabindex', '-1');
    to.scrollIntoView({block: 'start'});
    to.focus({preventScroll: true});
  }

  override render() {
    const a = this.article;
    const s = this._widget.strings;
    if (!a || !s) return html``;
    const stale = a.reviewBy !== '' && a.reviewBy < this._widget.today;
    const {day} = uiFormats(this._widget.lang);
    return html`
      <article lang=${a.lang} aria-labelledby="title">
        <h2 id="title" tabindex="-1">${a.title}</h2>
        <p class="meta" part="freshness">
          ${taxonomyLabel(this._widget.pack?.manifest.taxonomy?.categories, a.category, this._widget.lang)} ·
          ${s.updatedOn(day(a.updated))} · <span class="owner">${s.ownedBy(a.owner)}</span>
          ${stale ? html`<span class="badge overdue">${s.reviewOverdue}</span>` : null}
        </p>
        ${stale ? html`<p class="stale" role="note">${s.overdueForReview(day(a.reviewBy))}</p>` : null}
        <button
          class="copy"
          @click=${(e: Event) => this._copy(this._blockText(this.renderRoot.querySelector('.body')!), e.target as HTMLElement)}
        >
          ${s.copyArticle}
        </button>
        <!-- Filled in updated() with a sanitized fragment: no HTML string reaches the DOM. -->
        <div class="body" part="body"></div>
        ${this._renderFeedback(s)}
        ${
          this._related().length > 0
            ? html`<nav aria-label=${s.related}>
                <h3>${s.related}</h3>
                <ul class="related">
                  ${this._related().map(
                    (r) =>
                      html`<li>
                        <a href="#" data-aa-article=${r.id}>${r.title}</a>
                      </li>`
                  )}
                </ul>
              </nav>`
            : null
        }
      </article>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-article-view': AaArticleView;
  }
}
