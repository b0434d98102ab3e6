/**
 * Searches a loaded content pack: loads the prebuilt index with the shared options, ranks with the
 * agent's language preferred, filters by category and language, and builds snippets. Pure over its
 * inputs (no DOM, no network); the element and the benchmarks call it the same way.
 */
import MiniSearch from 'minisearch';
import {htmlToText} from '../content/html-to-text.js';
import type {ContentPack, PackArticle} from '../content/pack-types.js';
import {makeSnippet, snippetToHtml} from './snippet.js';
import type {SnippetPart} from './snippet.js';
import {queryOptions, searchOptions} from './search-options.js';
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

/** One ranked result. `snippet` is escaped HTML with `<mark>` around matches; `snippetParts` the same as data. */
export interface SearchHit {
  id: string;
  title: string;
  category: string;
  lang: string;
  score: number;
  snippet: string;
  snippetParts: SnippetPart[];
  stale: boolean;
}

/** How much an article in the agent's own language is preferred over an equally good match in another. */
export const PREFERRED_LANG_BOOST = 1.5;
export const DEFAULT_LIMIT = 10;
/** Queries longer than this are cut: a pasted paragraph should not stall the box. */
export const MAX_QUERY_LENGTH = 200;

const asList = (v: string | string[] | undefined) => (v === undefined ? null : Array.isArray(v) ? v : [v]);

export class SearchEngine {
  private readonly _index: MiniSearch<SearchDocument>;
  private readonly _articles: Map<string, PackArticle>;
  private readonly _text = new Map<string, string>();

  constructor(pack: Pick<ContentPack, 'articles' | 'searchIndex'>) {
    this._index = MiniSearch.loadJS(
      pack.searchIndex as Parameters<typeof MiniSearch.loadJS>[0],
      searchOptions
    );
    this._articles = new Map(pack.articles.map((a) => [a.id, a]));
  }

  /** Number of indexed articles. */
  get size(): number {
    return this._index.documentCount;
  }

  /** Plain text of an article, computed once when first needed for a snippet. */
  private _plainText(a: PackArticle): string {
    let text = this._text.get(a.id);
    if (text === undefined) {
      text = htmlToText(a.html);
      this._text.set(a.id, text);
    }
    return text;
  }

  /** Ranked hits for `query`; an empty or whitespace query has none. */
  search(query: string, request: SearchRequest = {}, today = ''): SearchHit[] {
    const q = query.slice(0, MAX_QUERY_LENGTH).trim();
    if (q === '') return [];
    const limit = request.limit ?? DEFAULT_LIMIT;
    const categories = asList(request.filters?.category);
    const langs = asList(request.filters?.lang);
    const prefer = request.preferLang;
    const results = this._index.search(
      q,
      queryOptions({
        filter:
          categories || langs
            ? (r) => (!categories || categories.includes(r.category)) && (!langs || langs.includes(r.lang))
            : undefined,
        boostDocument: prefer
          ? (_id, _term, stored) => (stored?.lang === prefer ? PREFERRED_LANG_BOOST : 1)
          : undefined,
      })
    );
    const hits: SearchHit[] = [];
    for (const r of results) {
      if (hits.length >= limit) break;
      const a = this._articles.get(String(r.id));
      if (!a) continue;
      const parts = makeSnippet(a.summary ? `${a.summary} ${this._plainText(a)}` : this._plainText(a), q);
      hits.push({
        id: a.id,
        title: a.title,
        category: a.category,
        lang: a.lang,
        score: Math.round(r.score * 1000) / 1000,
        snippet: snippetToHtml(parts),
        snippetParts: parts,
        stale: today !== '' && a.reviewBy < today,
      });
    }
    return hits;
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
