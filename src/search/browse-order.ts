/**
 * The browse list's order (shown while the search box is empty): the pack's articles grouped by category
 * in the agent's language first (the other language's articles below, under their language), the
 * categories in the content's declared order, titles alphabetical. It runs in the search worker, which
 * holds the articles; the page receives only the ids it shows.
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
  const groups = new Map<string, number[]>();
  const categories: string[] = [];
  for (let row = 0; row < articles.size; row++) {
    const rowLang = langOf(row);
    const rowCategory = categoryOf(row);
    if ((category && rowCategory !== category) || (!allLangs && rowLang !== lang)) continue;
    categories.push(rowCategory);
    const key = rowLang === lang ? rowCategory : `lang:${rowLang}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(row);
  }
  const rank = new Map(sortByTaxonomy(filter.categories, categories).map((c, i) => [c, i]));
  // Each title once: the table may decode a text each time it is asked for.
  const titles = new Map<number, string>();
  const title = (row: number) => titles.get(row) ?? titles.set(row, articles.field('title', row)).get(row)!;
  // Category, then title; then the row, so that the order is total (as a stable sort of the rows would be).
  const compare = (a: number, b: number) =>
    rank.get(categoryOf(a))! - rank.get(categoryOf(b))! || collator.compare(title(a), title(b)) || a - b;
  // (At least one each, which orders the groups.)
  const ordered = [...groups].map(([key, rows]) => ({
    key,
    ids: firstOf(rows, Math.max(limit, 1), compare),
    total: rows.length,
  }));
  // The agent's language first, by category; then each other language, from its first article on.
  ordered.sort((a, b) => {
    const ownA = !a.key.startsWith('lang:');
    const ownB = !b.key.startsWith('lang:');
    if (ownA !== ownB) return ownA ? -1 : 1;
    return compare(a.ids[0]!, b.ids[0]!);
  });
  return ordered.map(({key, ids, total}) => [key, ids.slice(0, limit).map((row) => articles.id(row)), total]);
}

/**
 * The first `limit` of `rows` in `compare`'s order. Sorting 40k titles with a collator takes a quarter of
 * a second; the list shows at most a few hundred per group, so the rest is only counted: one comparison
 * with the largest kept so far (a max-heap of `limit`) for most rows.
 */
function firstOf(rows: number[], limit: number, compare: (a: number, b: number) => number): number[] {
  if (rows.length <= limit) return rows.sort(compare);
  const heap = rows.slice(0, limit);
  const down = (from: number) => {
    for (let i = from; ;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let largest = i;
      if (left < heap.length && compare(heap[left]!, heap[largest]!) > 0) largest = left;
      if (right < heap.length && compare(heap[right]!, heap[largest]!) > 0) largest = right;
      if (largest === i) return;
      [heap[i], heap[largest]] = [heap[largest]!, heap[i]!];
      i = largest;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  for (let i = limit; i < rows.length; i++) {
    if (compare(rows[i]!, heap[0]!) >= 0) continue;
    heap[0] = rows[i]!;
    down(0);
  }
  return heap.sort(compare);
}
