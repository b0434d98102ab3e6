/**
 * The search service's message handler: loads a pack's index and articles, answers searches with whole
 * results (titles and snippets made here, where the articles are), suggestions and the browse order,
 * hands the page the articles without their HTML (a columns file, transferred, not copied), and an
 * article's HTML when it is opened.
 * The same code runs in the search worker
 * (widget/search-worker.ts) and, where workers are unavailable (a host CSP without worker-src, for
 * instance), on the page through SearchClient's inline fallback.
 */
import {PAGE_FIELDS} from '../content/article-table.js';
import type {ArticleTable} from '../content/article-table.js';
import {readArticles} from '../content/articles-file.js';
import type {ArticlesSource} from '../content/articles-file.js';
import {checkBytes, fetchBytes, invalidPack} from '../content/load-pack.js';
import type {PackError} from '../content/load-pack.js';
import {cachedFile, cacheFile} from '../content/pack-cache.js';
import type {PackFileRef} from '../content/pack-types.js';
import {prepareSegmenter} from './analyze.js';
import {browseOrder} from './browse-order.js';
import type {BrowseFilter, BrowseOrder} from './browse-order.js';
import {buildHits} from './build-hits.js';
import type {SearchHit} from './build-hits.js';
import {CompactIndexError, decodeCompactIndex} from './compact-index.js';
import type {CompactIndex} from './compact-index.js';
import {SearchEngine} from './search-engine.js';
import {SEARCH_INDEX_VERSION} from './search-options.js';
import type {SearchRequest} from './search-engine.js';

/** The files a search needs: the index, and the articles its results are made from. */
export interface SearchFiles {
  searchIndex: PackFileRef;
  articles: PackFileRef;
}

export type SearchMessage =
  | {id: number; type: 'load'; manifestUrl: string; files: SearchFiles}
  | {id: number; type: 'search'; query: string; request: SearchRequest; today: string}
  | {id: number; type: 'suggest'; query: string}
  | {id: number; type: 'browse'; filter: BrowseFilter; limit: number}
  | {id: number; type: 'articles'; manifestUrl: string; ref: PackFileRef; source: ArticlesSource}
  | {id: number; type: 'body'; manifestUrl: string; ref: PackFileRef; articleId: string};

/** An answer; a failure carries the pack error's code when it was one (unavailable or invalid). */
export type SearchReply =
  {id: number; ok: true; value: unknown} | {id: number; ok: false; error: string; code?: PackError['code']};

/** Decodes a checked index file; a file of another layout or version is refused as invalid, never guessed. */
function decodeIndex(ref: PackFileRef, bytes: Uint8Array): CompactIndex {
  try {
    return decodeCompactIndex(bytes, SEARCH_INDEX_VERSION);
  } catch (err) {
    if (err instanceof CompactIndexError) throw invalidPack(`${ref.path} ${err.message}`);
    throw err;
  }
}

/** The copy of index file `ref` an earlier load kept, checked; null when there is none or it is bad. */
async function keptIndex(ref: PackFileRef): Promise<CompactIndex | null> {
  try {
    const kept = (await cachedFile(ref.sha256)) as {version?: number; bytes?: Uint8Array} | undefined;
    if (kept?.version !== SEARCH_INDEX_VERSION || !(kept.bytes instanceof Uint8Array)) return null;
    // The digest runs off this thread: the bytes are decoded meanwhile, and used only if they match.
    const checked = checkBytes(ref, kept.bytes);
    checked.catch(() => {});
    const index = decodeIndex(ref, kept.bytes);
    await checked;
    return index;
  } catch {
    return null;
  }
}

/**
 * The pack's index: the copy an earlier load kept for the same file (same name and SHA-256, checked
 * again: it cannot be stale), else the network (checked, then its bytes kept for the next start, online
 * or not). It is read from those bytes, without a parse of its postings.
 */
async function loadIndex(
  manifestUrl: string,
  ref: PackFileRef,
  fetchImpl: typeof fetch
): Promise<CompactIndex> {
  const kept = await keptIndex(ref);
  if (kept) return kept;
  const bytes = await fetchBytes(ref, manifestUrl, fetchImpl);
  const index = decodeIndex(ref, bytes);
  void cacheFile(ref.sha256, {version: SEARCH_INDEX_VERSION, bytes});
  return index;
}

/**
 * Article files read recently, by SHA-256: the page's request for a pack's articles and the index load
 * for the same pack share one read. Two are kept (the pack in use and one arriving).
 */
const KEPT_ARTICLE_FILES = 2;

interface Loaded {
  engine: SearchEngine;
  articles: ArticleTable;
  browse: {key: string; order: BrowseOrder} | null;
}

/** Makes a handler with its own engine; requests before a successful load are answered with an error. */
export function createSearchHandler(fetchImpl: typeof fetch = (...args) => fetch(...args)) {
  let loaded: Loaded | null = null;
  let loading: Promise<void> | null = null;
  const files = new Map<string, Promise<ArticleTable>>();

  /** The articles file `ref`, read once however many ask (a failed read is tried again by the next). */
  async function articlesFor(manifestUrl: string, ref: PackFileRef, source: ArticlesSource) {
    const kept = files.get(ref.sha256);
    if (kept) {
      try {
        return await kept;
      } catch {
        // That read failed (another source may not): read again below.
      }
    }
    const reading = readArticles(manifestUrl, ref, source, fetchImpl);
    files.delete(ref.sha256);
    files.set(ref.sha256, reading);
    while (files.size > KEPT_ARTICLE_FILES) files.delete(files.keys().next().value!);
    reading.catch(() => {
      if (files.get(ref.sha256) === reading) files.delete(ref.sha256);
    });
    return reading;
  }

  async function answer(msg: SearchMessage): Promise<unknown> {
    if (msg.type === 'load') {
      loading = Promise.all([
        loadIndex(msg.manifestUrl, msg.files.searchIndex, fetchImpl),
        articlesFor(msg.manifestUrl, msg.files.articles, 'any'),
      ]).then(([index, articles]) => {
        loaded = {engine: new SearchEngine(index), articles, browse: null};
      });
      // (While the files are read: the first search would make it otherwise.)
      prepareSegmenter();
      await loading;
      return loaded!.engine.size;
    }
    if (msg.type === 'articles')
      return (await articlesFor(msg.manifestUrl, msg.ref, msg.source)).file(PAGE_FIELDS);
    if (msg.type === 'body') {
      const articles = await articlesFor(msg.manifestUrl, msg.ref, 'any');
      const row = articles.rowOf(msg.articleId);
      return row < 0 ? null : articles.html(row);
    }
    await loading;
    const current = loaded;
    if (!current) throw new Error('search: no index is loaded');
    if (msg.type === 'search') {
      const ranked = current.engine.rank(msg.query, msg.request);
      return buildHits(ranked, current.articles, msg.query, msg.today) satisfies SearchHit[];
    }
    if (msg.type === 'suggest') return current.engine.suggest(msg.query);
    // The browse order changes only with the pack and the filter: agents come back to it often.
    const key = JSON.stringify([msg.filter, msg.limit]);
    if (current.browse?.key !== key) {
      // A search asked meanwhile goes first (an agent typing as the pack arrives, when the panel asks for
      // its list too): a search takes a few milliseconds, this order tens at 40k articles. A timer, not
      // yieldNow(): scheduler.yield() resumes ahead of the messages already waiting.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    if (current.browse?.key !== key)
      current.browse = {key, order: browseOrder(current.articles, msg.filter, msg.limit)};
    return current.browse.order;
  }

  return async (msg: SearchMessage): Promise<SearchReply> => {
    try {
      return {id: msg.id, ok: true, value: await answer(msg)};
    } catch (err) {
      const code = (err as PackError).code;
      return {id: msg.id, ok: false, error: (err as Error).message ?? String(err), ...(code ? {code} : {})};
    }
  };
}
