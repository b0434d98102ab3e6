/**
 * The browse list's order (shown while the search box is empty): the pack's articles grouped by category
 * in the agent's language first (the other language's articles below, under their language), the
 * categories in the content's declared order, titles alphabetical. Sorting 40k titles with a collator takes about a second, so the widget runs this in the
 * search worker, which holds the articles, and the page receives only the titles it shows.
 */
import type {PageArticle} from '../content/pack-types.js';
import type {TaxonomyEntry} from '../content/types.js';
import {sortByTaxonomy} from '../content/taxonomy-label.js';

/** Which articles the browse list shows. */
export interface BrowseFilter {
  lang: string;
  category: string | null;
  allLangs: boolean;
  /** The content's declared categories, which order the groups (others follow, by id). */
  categories?: readonly TaxonomyEntry[];
}

/** Group key (a category, or `lang:<code>` for articles in another language) → ids, and how many. */
export type BrowseOrder = [key: string, ids: string[], total: number][];

/** The groups of `articles` for `filter`, each cut to its first `limit` ids. */
export function browseOrder(
  articles: readonly PageArticle[],
  filter: BrowseFilter,
  limit = Infinity
): BrowseOrder {
  const {lang, category, allLangs} = filter;
  const collator = new Intl.Collator(lang);
  const visible = articles.filter(
    (a) => (!category || a.category === category) && (allLangs || a.lang === lang)
  );
  const rank = new Map(
    sortByTaxonomy(
      filter.categories,
      visible.map((a) => a.category)
    ).map((c, i) => [c, i])
  );
  visible.sort(
    (a, b) =>
      Number(b.lang === lang) - Number(a.lang === lang) ||
      rank.get(a.category)! - rank.get(b.category)! ||
      collator.compare(a.title, b.title)
  );
  const groups = new Map<string, {ids: string[]; total: number}>();
  for (const a of visible) {
    const key = a.lang === lang ? a.category : `lang:${a.lang}`;
    const group = groups.get(key) ?? groups.set(key, {ids: [], total: 0}).get(key)!;
    if (group.ids.length < limit) group.ids.push(a.id);
    group.total++;
  }
  return [...groups].map(([key, g]) => [key, g.ids, g.total]);
}
