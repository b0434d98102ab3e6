/**
 * A pack's articles file, read where it is used: fetched and checked (size, SHA-256, shape), or read from
 * the copy kept offline. At 40k articles it is the pack's largest file (megabytes): the widget reads it
 * in the search worker, which builds results from it and hands the page its articles without the bodies
 * (a smaller file of the same columns, transferred), so the page never parses all of it. The verified
 * bytes are kept (not the parsed objects), so saving and reading the offline copy is one buffer, not 40k
 * objects to clone; the file is held as an {@link ArticleTable} (columns), not an object per article.
 */
import type {ArticleTable} from './article-table.js';
import {checkArticles, checkBytes, fetchBytes, PackError} from './load-pack.js';
import {cachedFile, cacheFile} from './pack-cache.js';
import type {PackFileRef} from './pack-types.js';

/**
 * `network`: fetch (then keep a copy); `saved`: only the kept copy; `any`: the kept copy when there is a
 * good one (the file is named by its SHA-256, checked again on reading: it cannot be stale), else the
 * network. Reading megabytes from IndexedDB takes tens of milliseconds where fetching them again (a
 * server without cache headers, a cleared HTTP cache) takes a second at 40k articles.
 */
export type ArticlesSource = 'network' | 'saved' | 'any';

/** The kept copy: its bytes (an older widget kept the parsed list itself, which is still accepted). */
async function savedArticles(ref: PackFileRef): Promise<ArticleTable> {
  const kept = await cachedFile(ref.sha256);
  if (Array.isArray(kept)) return checkArticles(kept, ref);
  const bytes = (kept as {bytes?: unknown} | undefined)?.bytes;
  if (!(bytes instanceof Uint8Array))
    throw new PackError('pack-unavailable', `content pack: ${ref.path} is not kept offline`);
  await checkBytes(ref, bytes);
  return checkArticles(bytes, ref);
}

/** Loads and checks the articles file `ref` of the pack at `manifestUrl`. */
export async function readArticles(
  manifestUrl: string,
  ref: PackFileRef,
  source: ArticlesSource,
  fetchImpl: typeof fetch = (...args) => fetch(...args)
): Promise<ArticleTable> {
  if (source === 'saved') return savedArticles(ref);
  if (source === 'any') {
    const kept = await savedArticles(ref).catch(() => null);
    if (kept) return kept;
  }
  const bytes = await fetchBytes(ref, manifestUrl, fetchImpl);
  const articles = checkArticles(bytes, ref);
  void cacheFile(ref.sha256, {bytes});
  return articles;
}
