/**
 * A search session as the agent lives it: the queries typed in the search box until an article is
 * opened or the search is given up (the box cleared, another article opened from elsewhere, the call
 * ended). Typing is as-you-type, so a query that the next one extends or trims ("ref" → "refund") was a
 * step of typing, not a search: only settled queries are kept. Pure: no clock, no storage.
 */
import type {SearchSessionData, SessionQuery} from './knowledge-events.js';

/** Most queries one session keeps (the last ones): a session is a few searches, not a day's typing. */
export const MAX_SESSION_QUERIES = 10;
/** Longest query kept (the search itself reads no more). */
export const MAX_LOGGED_QUERY = 200;

/** Whether `next` continues typing `prev` (one starts with the other, ignoring case and spacing). */
function continues(prev: string, next: string): boolean {
  const a = prev.toLowerCase().replace(/\s+/g, ' ');
  const b = next.toLowerCase().replace(/\s+/g, ' ');
  return a.startsWith(b) || b.startsWith(a);
}

export class SearchSessionTracker {
  private _queries: SessionQuery[] = [];

  /** The settled queries so far (the last one may still be typed on). */
  get queries(): readonly SessionQuery[] {
    return this._queries;
  }

  /** A search ran for `query` (debounced, as typed) and found `resultCount` results. */
  searched(query: string, resultCount: number): void {
    const q = query.trim().slice(0, MAX_LOGGED_QUERY);
    if (q === '') return;
    const last = this._queries.at(-1);
    if (last && continues(last.query, q)) this._queries[this._queries.length - 1] = {query: q, resultCount};
    else this._queries.push({query: q, resultCount});
    if (this._queries.length > MAX_SESSION_QUERIES) this._queries.shift();
  }

  /**
   * Ends the session with `articleId` opened (null: given up) and returns what to log, or null when no
   * query was typed (an article opened from the browse list or a script is no search).
   */
  end(articleId: string | null): SearchSessionData | null {
    const queries = this._queries;
    this._queries = [];
    return queries.length > 0 ? {queries, articleId} : null;
  }
}
