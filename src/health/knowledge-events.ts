/**
 * The knowledge signals the widget logs (types and readers only): an agent's feedback on an article, a
 * search session (the queries typed, and the article opened or none), an article opened. The report
 * reads them back from exported logs and from the collector, which may hold events of older or other
 * builds, so every reader checks the shape and skips what it does not know.
 */

/** What the agent said about an article, with one key. */
export const FEEDBACK_RATINGS = ['helpful', 'outdated', 'wrong', 'missing'] as const;
export type FeedbackRating = (typeof FEEDBACK_RATINGS)[number];

/** Event types of the knowledge signals. */
export const ARTICLE_FEEDBACK = 'article-feedback';
export const SEARCH_SESSION = 'search-session';
export const ARTICLE_OPEN = 'article-open';
export const KNOWLEDGE_EVENT_TYPES = [ARTICLE_FEEDBACK, SEARCH_SESSION, ARTICLE_OPEN] as const;

/** Longest comment kept (a comment is a note for editors, not a transcript). */
export const MAX_FEEDBACK_COMMENT = 500;

/** `data` of an `article-feedback` event. */
export interface ArticleFeedbackData {
  articleId: string;
  rating: FeedbackRating;
  /** Optional; agents are told not to write customer details in it. */
  comment?: string;
}

/** One query of a search session, as settled (not every keystroke), with how many results it had. */
export interface SessionQuery {
  query: string;
  resultCount: number;
}

/** `data` of a `search-session` event: the queries in order, and the article opened from them (or null). */
export interface SearchSessionData {
  queries: SessionQuery[];
  articleId: string | null;
}

/** The fields of a logged event the report reads (a LogEvent, an exported event, a collector row). */
export interface SignalEvent {
  type: string;
  agentId: string;
  clientTs: string;
  data: Record<string, unknown>;
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** The feedback in `e`, or null when it is not a well-formed feedback event. */
export function readFeedback(e: SignalEvent): ArticleFeedbackData | null {
  if (e.type !== ARTICLE_FEEDBACK) return null;
  const {articleId, rating, comment} = e.data;
  if (!isString(articleId) || !FEEDBACK_RATINGS.includes(rating as FeedbackRating)) return null;
  const text = isString(comment) ? comment.trim() : '';
  return {articleId, rating: rating as FeedbackRating, ...(text ? {comment: text} : {})};
}

/** The search session in `e`, or null when it is not a well-formed session event. */
export function readSearchSession(e: SignalEvent): SearchSessionData | null {
  if (e.type !== SEARCH_SESSION || !Array.isArray(e.data.queries)) return null;
  const articleId = e.data.articleId;
  if (articleId !== null && !isString(articleId)) return null;
  const queries: SessionQuery[] = [];
  for (const q of e.data.queries as unknown[]) {
    const item = q as Partial<SessionQuery> | null;
    if (!item || !isString(item.query) || typeof item.resultCount !== 'number') return null;
    if (item.query.trim() !== '') queries.push({query: item.query, resultCount: item.resultCount});
  }
  return {queries, articleId};
}

/** The article opened in `e` (an `article-open` event), or null. */
export function readArticleOpen(e: SignalEvent): string | null {
  return e.type === ARTICLE_OPEN && isString(e.data.articleId) ? e.data.articleId : null;
}
