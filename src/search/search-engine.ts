/**
 * Ranks articles for a query over a loaded search index: the shared options, the agent's language
 * preferred, category and language filters. Holds only the index (no article text), so it can run in
 * the search worker; snippets are made where the articles are (see buildHits).
 */
import type MiniSearch from 'minisearch';
import {isHan, processQueryTerm, tokenize} from './analyze.js';
import type {CompactIndex} from './compact-index.js';
import {compactMiniSearch, termNumberIn} from './compact-mini-search.js';
import {fastRanker} from './fast-rank.js';
import type {FastRanker} from './fast-rank.js';
import {FIELD_BOOSTS, queryOptions, searchOptions} from './search-options.js';
import type {SearchDocument} from './search-options.js';

/** Narrowing filters: only articles in these categories / languages. */
export interface SearchFilters {
  category?: string | string[];
  lang?: string | string[];
}

export interface SearchRequest {
  limit?: number;
  filters?: SearchFilters;
  /** The agent's UI language: its articles rank first among comparable matches. */
  preferLang?: string;
}

/** A ranked article id, with the index terms it matched (typo-corrected and prefix-completed). */
export interface RankedHit {
  id: string;
  score: number;
  terms: string[];
}

/** How much an article in the agent's own language is preferred over an equally good match in another. */
export const PREFERRED_LANG_BOOST = 1.5;
export const DEFAULT_LIMIT = 10;
/** Queries longer than this are cut: a pasted paragraph should not stall the search. */
export const MAX_QUERY_LENGTH = 200;

const asList = (v: string | string[] | undefined) => (v === undefined ? null : Array.isArray(v) ? v : [v]);

export class SearchEngine {
  private readonly _index: MiniSearch<SearchDocument>;
  private readonly _fast: FastRanker;

  /** `index`: the pack's search index file, decoded (see compact-index.ts). */
  constructor(index: CompactIndex) {
    const search = compactMiniSearch(index, searchOptions);
    // (Only a MiniSearch release that changed its internals gets here: the tests say so first.)
    if (!search) throw new Error('search: this MiniSearch cannot read the compact index');
    this._index = search;
    // Without the tree's array form (compactMiniSearch read it into Maps): not kept twice.
    const {tree: _tree, ...arrays} = index;
    this._fast = fastRanker(arrays, termNumberIn(search));
  }

  /** Number of indexed articles. */
  get size(): number {
    return this._index.documentCount;
  }

  /** Ranked ids for `query`, best first; an empty or whitespace query has none. */
  rank(query: string, request: SearchRequest = {}): RankedHit[] {
    const q = query.slice(0, MAX_QUERY_LENGTH).trim();
    if (q === '') return [];
    const categories = asList(request.filters?.category);
    const langs = asList(request.filters?.lang);
    const prefer = request.preferLang;
    const limit = request.limit ?? DEFAULT_LIMIT;
    const filter =
      categories || langs
        ? (r: Record<string, unknown> | undefined) =>
            (!categories || categories.includes(String(r?.category))) &&
            (!langs || langs.includes(String(r?.lang)))
        : undefined;
    // All-Chinese queries match terms exactly (no typo tolerance, no prefix): the fast exact path scores
    // them identically without allocating per matching document.
    const terms = tokenize(q).flatMap((t) => processQueryTerm(t) ?? []);
    if (terms.length > 0 && terms.every(isHan)) {
      return this._fast(terms, {
        boosts: FIELD_BOOSTS,
        limit,
        filter,
        docBoost: prefer ? (stored) => (stored?.lang === prefer ? PREFERRED_LANG_BOOST : 1) : undefined,
      }).map((h) => ({id: h.id, score: Math.round(h.score * 1000) / 1000, terms: h.terms}));
    }
    const results = this._index.search(
      q,
      queryOptions({
        filter: filter ? (r) => filter(r) : undefined,
        boostDocument: prefer
          ? (_id, _term, stored) => (stored?.lang === prefer ? PREFERRED_LANG_BOOST : 1)
          : undefined,
      })
    );
    return results
      .slice(0, limit)
      .map((r) => ({id: String(r.id), score: Math.round(r.score * 1000) / 1000, terms: r.terms}));
  }

  /** Suggested queries for a query with no results ("did you mean"), best first. */
  suggest(query: string, limit = 5): string[] {
    const q = query.slice(0, MAX_QUERY_LENGTH).trim();
    if (q === '') return [];
    return this._index
      .autoSuggest(q, queryOptions({fuzzy: (term) => Math.max(1, Math.min(3, Math.floor(term.length / 3)))}))
      .slice(0, limit)
      .map((s) => s.suggestion);
  }
}
