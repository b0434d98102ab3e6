/**
 * The knowledge-health report, from logged events and the articles: flagged articles (with counts and
 * comments), the top searches that found nothing, searches whose results nobody opened, suggested
 * aliases, articles past `review_by` by owner, articles never opened and the most-opened ones. Pure: the
 * `npm run content:report` command and the collector's route both call it, so they give the same answer
 * on the same events. Events outside `[from, to)` (by the agent's clock) are left out.
 */
import {aliasCandidates} from './alias-candidates.js';
import type {HealthArticle} from './health-article.js';
import {readArticleOpen, readFeedback, readSearchSession} from './knowledge-events.js';
import type {FeedbackRating, SignalEvent} from './knowledge-events.js';

export interface HealthReportOptions {
  /** Inclusive start (ISO); none: from the first event. */
  from?: string;
  /** Exclusive end (ISO); none: to the last event. */
  to?: string;
  /** `YYYY-MM-DD`: articles whose `review_by` is before it are overdue. */
  today: string;
  /** An alias is suggested once this many search sessions led to it (default 2). */
  minAliasCount?: number;
  /** Rows kept in the "top" lists (default 20). */
  top?: number;
}

export interface FlaggedArticle {
  articleId: string;
  title: string;
  owner: string;
  outdated: number;
  wrong: number;
  missing: number;
  helpful: number;
  /** Comments, oldest first, with their rating. */
  comments: {rating: FeedbackRating; comment: string}[];
}

export interface QueryCount {
  query: string;
  count: number;
  agents: number;
}

export interface SuggestedAlias {
  articleId: string;
  title: string;
  lang: string;
  alias: string;
  /** Search sessions that led to the article through it. */
  count: number;
  agents: number;
}

export interface OverdueArticle {
  owner: string;
  articleId: string;
  title: string;
  reviewBy: string;
}

export interface ArticleRef {
  articleId: string;
  title: string;
  owner: string;
}

export interface OpenedArticle extends ArticleRef {
  opens: number;
  agents: number;
}

export interface HealthReport {
  from: string | null;
  to: string | null;
  today: string;
  /** Knowledge events read in the period, and how many agents logged them. */
  events: number;
  agents: number;
  flagged: FlaggedArticle[];
  zeroResult: QueryCount[];
  abandoned: QueryCount[];
  suggestedAliases: SuggestedAlias[];
  overdue: OverdueArticle[];
  neverOpened: ArticleRef[];
  mostOpened: OpenedArticle[];
}

/** How the same search is counted once whatever its case and spacing. */
const queryKey = (q: string) => q.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Counts occurrences and distinct agents per key, remembering the most frequent way it was written. */
class Tally {
  private readonly _rows = new Map<
    string,
    {count: number; agents: Set<string>; texts: Map<string, number>}
  >();

  add(key: string, text: string, agentId: string): void {
    let row = this._rows.get(key);
    if (!row) this._rows.set(key, (row = {count: 0, agents: new Set(), texts: new Map()}));
    row.count++;
    row.agents.add(agentId);
    row.texts.set(text, (row.texts.get(text) ?? 0) + 1);
  }

  rows(): {key: string; text: string; count: number; agents: number}[] {
    return [...this._rows].map(([key, r]) => ({
      key,
      text: [...r.texts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0],
      count: r.count,
      agents: r.agents.size,
    }));
  }
}

const byCountThen =
  <T extends {count: number}>(key: (x: T) => string) =>
  (a: T, b: T) =>
    b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

export function buildHealthReport(
  events: Iterable<SignalEvent>,
  articles: readonly HealthArticle[],
  options: HealthReportOptions
): HealthReport {
  const {from, to, today} = options;
  const minAlias = options.minAliasCount ?? 2;
  const top = options.top ?? 20;
  const byId = new Map(articles.map((a) => [a.id, a]));
  const agents = new Set<string>();
  let count = 0;

  const feedback = new Map<string, FlaggedArticle>();
  const zero = new Tally();
  const abandoned = new Tally();
  const aliases = new Map<string, Tally>();
  const opens = new Map<string, {opens: number; agents: Set<string>}>();

  // Events in time order, so comments read oldest first whatever order the logs were given in.
  const picked = [...events]
    .filter((e) => (from === undefined || e.clientTs >= from) && (to === undefined || e.clientTs < to))
    .sort((a, b) => (a.clientTs < b.clientTs ? -1 : a.clientTs > b.clientTs ? 1 : 0));
  for (const e of picked) {
    const fb = readFeedback(e);
    const session = fb ? null : readSearchSession(e);
    const opened = fb || session ? null : readArticleOpen(e);
    if (!fb && !session && opened === null) continue;
    count++;
    agents.add(e.agentId);
    if (fb) {
      const a = byId.get(fb.articleId);
      let row = feedback.get(fb.articleId);
      if (!row) {
        const [title, owner] = [a?.title ?? '', a?.owner ?? ''];
        row = {
          articleId: fb.articleId,
          title,
          owner,
          outdated: 0,
          wrong: 0,
          missing: 0,
          helpful: 0,
          comments: [],
        };
        feedback.set(fb.articleId, row);
      }
      row[fb.rating]++;
      if (fb.comment) row.comments.push({rating: fb.rating, comment: fb.comment});
    } else if (session) {
      for (const q of session.queries)
        if (q.resultCount === 0) zero.add(queryKey(q.query), q.query, e.agentId);
      // Given up: every query of the session that showed results, none of which was opened.
      if (session.articleId === null)
        for (const q of session.queries)
          if (q.resultCount > 0) abandoned.add(queryKey(q.query), q.query, e.agentId);
      const article = session.articleId === null ? undefined : byId.get(session.articleId);
      if (article) {
        // Once per session: the same word typed twice before opening is one agent's one vote.
        const seen = new Map<string, string>();
        for (const q of session.queries)
          for (const c of aliasCandidates(q.query, article.terms))
            if (!seen.has(c.key)) seen.set(c.key, c.text);
        let tally = aliases.get(article.id);
        if (!tally) aliases.set(article.id, (tally = new Tally()));
        for (const [key, text] of seen) tally.add(key, text, e.agentId);
      }
    } else if (opened !== null) {
      let row = opens.get(opened);
      if (!row) opens.set(opened, (row = {opens: 0, agents: new Set()}));
      row.opens++;
      row.agents.add(e.agentId);
    }
  }

  const flagged = [...feedback.values()]
    .filter((f) => f.outdated + f.wrong + f.missing > 0)
    .map((f) => ({f, flags: f.outdated + f.wrong + f.missing}))
    .sort((a, b) => b.flags - a.flags || (a.f.articleId < b.f.articleId ? -1 : 1))
    .map(({f}) => f);

  const queryRows = (t: Tally) =>
    t
      .rows()
      .map((r) => ({query: r.text, count: r.count, agents: r.agents}))
      .sort(byCountThen((r) => r.query))
      .slice(0, top);

  const suggestedAliases: SuggestedAlias[] = [];
  for (const [articleId, tally] of aliases) {
    const a = byId.get(articleId)!;
    for (const r of tally.rows())
      if (r.count >= minAlias)
        suggestedAliases.push({
          articleId,
          title: a.title,
          lang: a.lang,
          alias: r.text,
          count: r.count,
          agents: r.agents,
        });
  }
  suggestedAliases.sort(byCountThen((r) => `${r.articleId}\u0000${r.alias}`));

  const ref = (a: HealthArticle): ArticleRef => ({articleId: a.id, title: a.title, owner: a.owner});
  const overdue = articles
    .filter((a) => a.reviewBy !== '' && a.reviewBy < today)
    .map((a) => ({owner: a.owner, articleId: a.id, title: a.title, reviewBy: a.reviewBy}))
    .sort((a, b) =>
      a.owner !== b.owner
        ? a.owner < b.owner
          ? -1
          : 1
        : a.reviewBy < b.reviewBy
          ? -1
          : a.reviewBy > b.reviewBy
            ? 1
            : a.articleId < b.articleId
              ? -1
              : 1
    );
  const neverOpened = articles
    .filter((a) => !opens.has(a.id))
    .map(ref)
    .sort((a, b) => (a.articleId < b.articleId ? -1 : 1));
  const mostOpened = [...opens]
    .filter(([id]) => byId.has(id))
    .map(([id, o]) => ({...ref(byId.get(id)!), opens: o.opens, agents: o.agents.size}))
    .sort((a, b) => b.opens - a.opens || (a.articleId < b.articleId ? -1 : 1))
    .slice(0, top);

  return {
    from: from ?? null,
    to: to ?? null,
    today,
    events: count,
    agents: agents.size,
    flagged,
    zeroResult: queryRows(zero),
    abandoned: queryRows(abandoned),
    suggestedAliases,
    overdue,
    neverOpened,
    mostOpened,
  };
}
