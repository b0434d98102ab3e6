/**
 * The search service's message handler: loads a pack's index and answers rank/suggest requests. The
 * same code runs in the search worker (widget/search-worker.ts) and, where workers are unavailable
 * (a host CSP without worker-src, for instance), on the page through SearchClient's inline fallback.
 */
import {loadSearchIndex} from '../content/load-pack.js';
import type {PackError} from '../content/load-pack.js';
import {cachedFile, cacheFile} from '../content/pack-cache.js';
import type {PackFileRef} from '../content/pack-types.js';
import {SearchEngine} from './search-engine.js';
import {SEARCH_INDEX_VERSION} from './search-options.js';
import type {RankedHit, SearchRequest} from './search-engine.js';

export type SearchMessage =
  | {id: number; type: 'load'; manifestUrl: string; ref: PackFileRef}
  | {id: number; type: 'rank'; query: string; request: SearchRequest}
  | {id: number; type: 'suggest'; query: string};

export type SearchReply = {id: number; ok: true; value: unknown} | {id: number; ok: false; error: string};

/**
 * The pack's index from the network (checked, then kept in the pack cache for the next offline start),
 * or, when the network cannot deliver it, the copy kept for the same file (same SHA-256) by an earlier load.
 */
async function loadIndex(manifestUrl: string, ref: PackFileRef, fetchImpl: typeof fetch): Promise<object> {
  try {
    const index = await loadSearchIndex(manifestUrl, ref, SEARCH_INDEX_VERSION, fetchImpl);
    void cacheFile(ref.sha256, {version: SEARCH_INDEX_VERSION, index});
    return index;
  } catch (err) {
    if ((err as PackError).code !== 'pack-unavailable') throw err;
    const kept = (await cachedFile(ref.sha256)) as {version?: number; index?: object} | undefined;
    if (kept?.version !== SEARCH_INDEX_VERSION || !kept.index) throw err;
    return kept.index;
  }
}

/** Makes a handler with its own engine; requests before a successful load are answered with an error. */
export function createSearchHandler(fetchImpl: typeof fetch = (...args) => fetch(...args)) {
  let engine: SearchEngine | null = null;
  let loading: Promise<void> | null = null;
  return async (msg: SearchMessage): Promise<SearchReply> => {
    try {
      if (msg.type === 'load') {
        loading = loadIndex(msg.manifestUrl, msg.ref, fetchImpl).then((index) => {
          engine = new SearchEngine(index);
        });
        await loading;
        return {id: msg.id, ok: true, value: engine!.size};
      }
      await loading;
      if (!engine) throw new Error('search: no index is loaded');
      const value: RankedHit[] | string[] =
        msg.type === 'rank' ? engine.rank(msg.query, msg.request) : engine.suggest(msg.query);
      return {id: msg.id, ok: true, value};
    } catch (err) {
      return {id: msg.id, ok: false, error: (err as Error).message ?? String(err)};
    }
  };
}
