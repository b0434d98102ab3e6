/**
 * The browse list shown while the search box is empty: the pack's articles grouped by category in the
 * agent's language first (categories in the content's declared order; the other language's articles
 * below, under their language), alphabetical, a dozen per group until "Show all".
 */
import {html} from 'lit';
import type {TemplateResult} from 'lit';
import type {PageArticle} from '../../content/pack-types.js';
import {taxonomyLabel} from '../../content/taxonomy-label.js';
import type {TaxonomyEntry} from '../../content/types.js';
import type {UiFormats} from '../../i18n/format.js';
import type {UiStrings} from '../../i18n/strings.js';

/**
 * Titles shown per group in the browse list, and after "Show all": a pack can hold 40k articles, and
 * rendering them all would freeze the page for seconds. Beyond these, search is the way in.
 */
export const BROWSE_GROUP_LIMIT = 12;
export const BROWSE_EXPANDED_LIMIT = 200;

/**
 * Group key (a category, or `lang:<code>` for articles in another language) → the ids of its first
 * articles in order (up to {@link BROWSE_EXPANDED_LIMIT}) and how many it holds. The order is made in the
 * search worker (src/search/browse-order.ts); only the articles shown are looked up.
 */
export type BrowseGroups = Map<string, {ids: readonly string[]; total: number}>;

export interface BrowseInput {
  groups: BrowseGroups;
  strings: UiStrings;
  /** The UI language's formats (the other language's group is headed by its name). */
  formats: UiFormats;
  /** Groups the agent expanded with "Show all". */
  expanded: ReadonlySet<string>;
  /** Today's date (`YYYY-MM-DD`): articles past their review date are marked. */
  today: string;
  /** The UI language, for the category headings. */
  lang: string;
  /** The content's declared categories, for their labels. */
  categories?: readonly TaxonomyEntry[];
  /** The pack's article `id`. */
  article(id: string): PageArticle | undefined;
  open(article: PageArticle): void;
  expand(group: string): void;
}

export function renderBrowse({
  groups,
  strings: s,
  formats,
  expanded,
  today,
  lang,
  categories,
  article,
  open,
  expand,
}: BrowseInput): TemplateResult {
  return html`${[...groups].map(([key, {ids, total}]) => {
    const limit = expanded.has(key) ? BROWSE_EXPANDED_LIMIT : BROWSE_GROUP_LIMIT;
    const more = total - limit;
    const heading = key.startsWith('lang:')
      ? formats.language(key.slice(5))
      : taxonomyLabel(categories, key, lang);
    return html`
      <h3 class="group">${heading}</h3>
      <ul class="results" aria-label=${heading}>
        ${ids
          .slice(0, limit)
          .flatMap((id) => article(id) ?? [])
          .map(
            (a) =>
              html`<li>
                <button class="link-button article-link" lang=${a.lang} @click=${() => open(a)}>
                  ${a.title}${a.reviewBy < today ? html` <span class="badge">${s.reviewOverdue}</span>` : null}
                </button>
              </li>`
          )}
      </ul>
      ${
        more <= 0
          ? null
          : expanded.has(key)
            ? html`<p class="muted">${s.moreArticles(more)}</p>`
            : html`<button class="link-button suggestion" @click=${() => expand(key)}>
                ${s.showAll(total)}
              </button>`
      }
    `;
  })}`;
}
