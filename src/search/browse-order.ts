/**
 * The browse list's order (shown while the search box is empty): the pack's articles grouped by category
 * in the agent's language first (the other language's articles below, under their language), the
 * categories in the content's declared order, titles alphabetical. Sorting 40k titles with a collator takes about a second, so the widget runs this in the
 * search worker, which holds the articles, and the page receives only the titles it shows.
 */
import type {ArticleTable} from '../content/article-table.js';
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
export function browseOrder(articles: ArticleTable, filter: BrowseFilter, limit = Infinity): BrowseOrder {
  const {lang, category, allLangs} = filter;
  const collator = new Intl.Collator(lang);
  // Rows, not article objects: at 40k articles the table answers each field without making one.
  const categoryOf = (row: number) => articles.field('category', row);
  const langOf = (row: number) => articles.field('lang', row);
  const visible: number[] = [];
  for (let row = 0; row < articles.size; row++)
    if ((!category || categoryOf(row) === category) && (allLangs || langOf(row) === lang)) visible.push(row);
  const rank = new Map(sortByTaxonomy(filter.categories, visible.map(categoryOf)).map((c, i) => [c, i]));
  // Each title once: the table may decode a text each time it is asked for.
  const titles = new Map(visible.map((row) => [row, articles.field('title', row)]));
  visible.sort(
    (a, b) =>
      Number(langOf(b) === lang) - Number(langOf(a) === lang) ||
      rank.get(categoryOf(a))! - rank.get(categoryOf(b))! ||
      collator.compare(titles.get(a)!, titles.get(b)!)
  );
  const groups = new Map<string, {ids: string[]; total: number}>();
  for (const row of visible) {
    const key = langOf(row) === lang ? categoryOf(row) : `lang:${langOf(row)}`;
    const group = groups.get(key) ?? groups.set(key, {ids: [], total: 0}).get(key)!;
    if (group.ids.length < limit) group.ids.push(articles.id(row));
    group.total++;
  }
  return [...groups].map(([key, g]) => [key, g.ids, g.total]);
}
