/**
 * The one MiniSearch configuration, shared by the pack builder (indexing) and the widget (loading and
 * querying): an index must be loaded with exactly the options it was built with.
 */
import type {Options, SearchOptions} from 'minisearch';
import {isHan, processQueryTerm, processTerm, tokenize} from './analyze.js';

/** A document as indexed: one per article. */
export interface SearchDocument {
  id: string;
  title: string;
  aliases: string;
  tags: string;
  summary: string;
  body: string;
  category: string;
  lang: string;
}

/** Bump when analysis, fields or stored fields change: an index built otherwise is refused, never guessed. */
export const SEARCH_INDEX_VERSION = 3;

/** Field weights: a match in what editors chose as the title or the words agents type counts most. */
export const FIELD_BOOSTS = {title: 3, aliases: 3, tags: 2, summary: 1.5, body: 1};

/** MiniSearch options for the article index. */
export const searchOptions: Options<SearchDocument> = {
  idField: 'id',
  fields: ['title', 'aliases', 'tags', 'summary', 'body'],
  // Stored for filtering and language preference without loading the articles.
  storeFields: ['category', 'lang'],
  tokenize,
  processTerm,
};

/**
 * Typo tolerance scaled to term length: none up to 3 letters (too many neighbours), 1 edit up to 5,
 * 2 from 6 ("refnud" → "refund"). Chinese terms are matched exactly: an edit on a two-character word is
 * a different word.
 */
export function fuzzyFor(term: string): number {
  if (isHan(term) || /\d/.test(term)) return 0;
  if (term.length <= 3) return 0;
  return term.length <= 5 ? 1 : 2;
}

/** Query options: fuzzy per term, prefix on the last (Latin) term, so "refu" finds "refund" while typing. */
export function queryOptions(overrides: SearchOptions = {}): SearchOptions {
  return {
    boost: FIELD_BOOSTS,
    combineWith: 'OR',
    fuzzy: (term) => fuzzyFor(term),
    prefix: (term, i, terms) => i === terms.length - 1 && !isHan(term) && term.length >= 2,
    weights: {fuzzy: 0.45, prefix: 0.5},
    processTerm: processQueryTerm,
    ...overrides,
  };
}
