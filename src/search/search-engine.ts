/**
 * Ranks articles for a query over a loaded search index: the shared options, the agent's language
 * preferred, category and language filters. Holds only the index (no article text), so it can run in
 * the search worker; snippets are made where the articles are (see buildHits).
 */
import type MiniSearch from 'minisearch';
import {processQueryTerm, tokenize} from './analyze.js';
import type {CompactIndex} from './compact-index.js';
import {compactMiniSearch, termLookupIn} from './compact-mini-search.js';
import type {TermLookup} from './compact-mini-search.js';
import {fastRanker} from './fast-rank.js';
import type {FastRanker, RankTerm} from './fast-rank.js';
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

/** The query options rank() applies (MiniSearch's defaults where they set none: maxFuzzy 6). */
const QUERY = queryOptions();
const MAX_FUZZY = QUERY.maxFuzzy ?? 6;
const WEIGHTS = {fuzzy: 0.45, prefix: 0.375, ...QUERY.weights};

/**
 * The query's terms as MiniSearch's `search()` expands them with {@link queryOptions}: each term itself,
 * then (the last Latin term) every index term it begins, then those a few typos away, each weighted as
 * MiniSearch weighs it (see its `executeQuerySpec`).
 */
function expand(query: string, tree: TermLookup): RankTerm[] {
  const terms = tokenize(query)
    .flatMap((t) => processQueryTerm(t) ?? [])
    .filter((t) => !!t);
  return terms.map((term, i) => {
    const expansions: RankTerm['expansions'][number][] = [];
    const exact = tree.get(term);
    if (exact !== undefined) expansions.push({term: exact, derived: term, weight: 1});
    const fuzzy = typeof QUERY.fuzzy === 'function' ? QUERY.fuzzy(term, i, terms) : QUERY.fuzzy;
    const prefix = typeof QUERY.prefix === 'function' ? QUERY.prefix(term, i, terms) : QUERY.prefix;
    let typos: Map<string, [number, number]> | undefined;
    if (fuzzy) {
      const f = fuzzy === true ? 0.2 : fuzzy;
      const maxDistance = f < 1 ? Math.min(MAX_FUZZY, Math.round(term.length * f)) : f;
      if (maxDistance) typos = tree.fuzzyGet(term, maxDistance);
    }
    if (prefix) {
      for (const [derived, t] of tree.atPrefix(term)) {
        const distance = derived.length - term.length;
        if (!distance) continue;
        // A completion that is also a typo away counts as a completion, as in MiniSearch.
        typos?.delete(derived);
        const weight = (WEIGHTS.prefix * derived.length) / (derived.length + 0.3 * distance);
        expansions.push({term: t, derived, weight});
      }
    }
    for (const [derived, [t, distance]] of typos ?? []) {
      if (!distance) continue;
      expansions.push({
        term: t,
        derived,
        weight: (WEIGHTS.fuzzy * derived.length) / (derived.length + distance),
      });
    }
    return {source: term, expansions};
  });
}

export class SearchEngine {
  private readonly _index: MiniSearch<SearchDocument>;
  private readonly _terms: TermLookup;
  private readonly _fast: FastRanker;

  /** `index`: the pack's search index file, decoded (see compact-index.ts). */
  constructor(index: CompactIndex) {
    const search = compactMiniSearch(index, searchOptions);
    // (Only a MiniSearch release that changed its internals gets here: the tests say so first.)
    if (!search) throw new Error('search: this MiniSearch cannot read the compact index');
    this._index = search;
    // Without the tree's array form (compactMiniSearch read it into Maps): not kept twice.
    const {tree: _tree, ...arrays} = index;
    this._terms = termLookupIn(search);
    this._fast = fastRanker(arrays);
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
    // Ranked as MiniSearch's search() with queryOptions() ranks (the tests compare them), into typed
    // arrays instead of an object per matching document.
    return this._fast(expand(q, this._terms), {
      boosts: FIELD_BOOSTS,
      limit,
      filter,
      docBoost: prefer ? (stored) => (stored?.lang === prefer ? PREFERRED_LANG_BOOST : 1) : undefined,
    }).map((h) => ({id: h.id, score: Math.round(h.score * 1000) / 1000, terms: h.terms}));
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
