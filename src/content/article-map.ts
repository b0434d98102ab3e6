/**
 * Articles by id for a pack's article list, built once per list. Whoever receives a large list a slice
 * at a time (the search client, from its worker) fills the map as the slices arrive, each in its own
 * task, so that applying a 40k-article pack does not build a 40k-entry map in one long task.
 */
import type {PageArticle} from './pack-types.js';

const maps = new WeakMap<readonly PageArticle[], ReadonlyMap<string, PageArticle>>();

/** Remembers `byId` as the map of `articles` (it must hold exactly their ids). */
export function keepArticleMap(
  articles: readonly PageArticle[],
  byId: ReadonlyMap<string, PageArticle>
): void {
  maps.set(articles, byId);
}

/** The articles of `articles` by id: the one kept for that list, else built now. */
export function articleMap(articles: readonly PageArticle[]): ReadonlyMap<string, PageArticle> {
  let byId = maps.get(articles);
  if (!byId) {
    byId = new Map(articles.map((a) => [a.id, a]));
    maps.set(articles, byId);
  }
  return byId;
}
