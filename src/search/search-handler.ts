/**
 * The search service's message handler: loads a pack's index and answers rank/suggest requests. The
 * same code runs in the search worker (widget/search-worker.ts) and, where workers are unavailable
 * (a host CSP without worker-src, for instance), on the page through SearchClient's inline fallback.
 */
import {loadSearchIndex} from '../content/load-pack.js';
import type {PackFileRef} from '../content/pack-types.js';
import {SearchEngine} from './search-engine.js';
import {SEARCH_INDEX_VERSION} from './search-options.js';
import type {RankedHit, SearchRequest} from './search-engine.js';

export type SearchMessage =
  | {id: number; type: 'load'; manifestUrl: string; ref: PackFileRef}
  | {id: number; type: 'rank'; query: string; request: SearchRequest}
  | {id: number; type: 'suggest'; query: string};

export type SearchReply = {id: number; ok: true; value: unknown} | {id: number; ok: false; error: string};

/** Makes a handler with its own engine; requests before a successful load are answered with an error. */
export function createSearchHandler(fetchImpl: typeof fetch = (...args) => fetch(...args)) {
  let engine: SearchEngine | null = null;
  let loading: Promise<void> | null = null;
  return async (msg: SearchMessage): Promise<SearchReply> => {
    try {
      if (msg.type === 'load') {
        loading = loadSearchIndex(msg.manifestUrl, msg.ref, SEARCH_INDEX_VERSION, fetchImpl).then((index) => {
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
