/**
 * Reads the team's calls from the collector (`qa-url`) for the QA view: a page of calls, the aggregates,
 * one call with its events, and exports, each with the host's `Authorization` (a QA token) asked before
 * every request. Answers are turned into the shapes the local QA view already shows (`QaCall`,
 * `QaAggregate`), so the same screens serve both. The view's filter days are the agent's local days: they
 * are sent as exact times, and the per-day trend is asked in the browser's time zone.
 */
import type {HealthReport} from '../health/health-report.js';
import type {ChainCheck, QaCall} from '../model/call-log.js';
import type {AdherenceReport} from '../model/report.js';
import type {QaAggregate} from '../qa/aggregate-calls.js';
import type {QaFilter, QaTimelineEvent} from '../qa/qa-types.js';

/** A call as the collector lists it (README, "Collector"). */
interface CallRow {
  callId: string;
  agentId: string;
  team: string | null;
  scriptId: string | null;
  scriptTitle: string | null;
  startedAt: string;
  endedAt: string | null;
  outcome: string | null;
  status: 'intact' | 'incomplete' | 'broken';
  verifiedSeq: number;
  eventCount: number;
  brokenAt: string | null;
  score: number | null;
  criticalFailed: boolean | null;
}

interface Stats {
  count: number;
  meanScore: number | null;
  criticalFailures: number;
}

interface Aggregates extends Stats {
  trend: QaAggregate['trend'];
  byCategory: QaAggregate['byCategory'];
  mostMissed: QaAggregate['mostMissed'];
  byAgent: (Stats & {agentId: string})[];
  byScript: (Stats & {scriptId: string | null; title: string | null})[];
}

/** A page of the team's calls, newest first. */
export interface RemotePage {
  calls: QaCall[];
  /** Where the next page starts; null on the last one. */
  next: string | null;
}

export interface QaRemoteOptions {
  /** The collector's base URL (its `/v1/…` APIs are resolved against it). */
  url: string;
  /** The `Authorization` header value (a QA token), asked before each request. */
  auth: () => Promise<string | null>;
  /** Calls per page (default 50). */
  pageSize?: number;
}

/** What the QA view calls "source" for a team call: its team, or the collector. */
const sourceOf = (row: CallRow) => `collector${row.team ? ` · ${row.team}` : ''}`;

function chainOf(row: CallRow): ChainCheck {
  if (row.status === 'intact') return {ok: true, checked: row.verifiedSeq};
  if (row.status === 'incomplete') return {ok: false, checked: row.verifiedSeq, incomplete: true};
  return {ok: false, checked: row.verifiedSeq, brokenAt: row.brokenAt ?? undefined};
}

/** A listed call; its report has what the list shows, the whole one comes with {@link QaRemote.call}. */
function toQaCall(row: CallRow, report?: AdherenceReport | null): QaCall {
  return {
    source: sourceOf(row),
    scriptTitle: row.scriptTitle ?? '',
    ...(row.outcome ? {outcome: row.outcome} : {}),
    eventCount: row.eventCount,
    chain: chainOf(row),
    report: report ?? {
      callId: row.callId,
      agentId: row.agentId,
      scriptId: row.scriptId,
      scriptVersion: null,
      startedAt: row.startedAt,
      endedAt: row.endedAt ?? '',
      score: row.score ?? 0,
      criticalFailed: row.criticalFailed ?? false,
      byCategory: {},
      items: [],
    },
  };
}

/** Local midnight of a `YYYY-MM-DD`, as an exact time (the collector's day parameters are UTC days). */
function localMidnight(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plusDays).toISOString();
}

export class QaRemote {
  private readonly _o: Required<QaRemoteOptions>;

  constructor(options: QaRemoteOptions) {
    this._o = {pageSize: 50, ...options};
  }

  /** The filter as query parameters (`to` is the end of the local day, excluded). */
  private _params(filter: QaFilter): URLSearchParams {
    const q = new URLSearchParams();
    if (filter.agentId) q.set('agent', filter.agentId);
    if (filter.scriptId) q.set('script', filter.scriptId);
    if (filter.from) q.set('from', localMidnight(filter.from));
    if (filter.to) q.set('to', localMidnight(filter.to, 1));
    return q;
  }

  private async _get(path: string, params: URLSearchParams): Promise<Response> {
    const url = new URL(path, this._o.url.endsWith('/') ? this._o.url : `${this._o.url}/`);
    url.search = params.toString();
    const headers: Record<string, string> = {Accept: 'application/json'};
    const authorization = await this._o.auth();
    if (authorization) headers.Authorization = authorization;
    let response: Response;
    try {
      response = await fetch(url, {headers, credentials: 'omit', cache: 'no-store'});
    } catch (err) {
      throw new Error(`the collector at ${url.origin} could not be reached (${(err as Error).message})`);
    }
    if (!response.ok) {
      // The collector answers errors as {error, reasons?}: pass its words on.
      const body = await response.text();
      let why = body.slice(0, 200);
      try {
        const parsed = JSON.parse(body) as {error?: string; message?: string};
        why = parsed.error ?? parsed.message ?? why;
      } catch {
        // not JSON: the text as it is
      }
      const hint = response.status === 401 || response.status === 403 ? ' (check the QA token)' : '';
      throw new Error(`the collector answered ${response.status}: ${why}${hint}`);
    }
    return response;
  }

  private async _json<T>(path: string, params: URLSearchParams): Promise<T> {
    const response = await this._get(path, params);
    try {
      return (await response.json()) as T;
    } catch {
      throw new Error(`the collector's answer to ${path} is not JSON`);
    }
  }

  /** A page of calls passing `filter` (`cursor`: from {@link RemotePage.next}). */
  async page(filter: QaFilter, cursor: string | null = null): Promise<RemotePage> {
    const q = this._params(filter);
    q.set('limit', String(this._o.pageSize));
    if (cursor) q.set('cursor', cursor);
    const page = await this._json<{calls: CallRow[]; nextCursor: string | null}>('v1/calls', q);
    return {calls: page.calls.map((row) => toQaCall(row)), next: page.nextCursor};
  }

  /** The team's knowledge-health report over the period of `filter` (`GET /v1/knowledge-health`). */
  async knowledgeHealth(filter: QaFilter): Promise<HealthReport> {
    const q = new URLSearchParams();
    if (filter.from) q.set('from', filter.from);
    if (filter.to) q.set('to', filter.to);
    return this._json<HealthReport>('v1/knowledge-health', q);
  }

  /** The aggregates over the scored calls passing `filter`, as the QA view shows them. */
  async aggregates(filter: QaFilter): Promise<QaAggregate> {
    const q = this._params(filter);
    // Trend days in the agent's time zone, as the local view counts them.
    q.set('tzOffset', String(-new Date().getTimezoneOffset()));
    const a = await this._json<Aggregates>('v1/aggregates', q);
    return {
      count: a.count,
      meanScore: a.meanScore,
      criticalFailures: a.criticalFailures,
      trend: a.trend,
      mostMissed: a.mostMissed,
      byCategory: a.byCategory,
      agents: a.byAgent.map((x) => x.agentId).sort(),
      scripts: a.byScript
        .filter((x): x is Stats & {scriptId: string; title: string | null} => x.scriptId !== null)
        .map((x) => ({id: x.scriptId, title: x.title ?? x.scriptId}))
        .sort((x, y) => (x.title < y.title ? -1 : x.title > y.title ? 1 : 0)),
    };
  }

  /** One call with its whole report and its events in `seq` order. */
  async call(callId: string): Promise<{call: QaCall; events: QaTimelineEvent[]}> {
    const detail = await this._json<{
      call: CallRow & {report: AdherenceReport | null};
      events: QaTimelineEvent[];
    }>(`v1/calls/${encodeURIComponent(callId)}`, new URLSearchParams());
    return {call: toQaCall(detail.call, detail.call.report), events: detail.events};
  }

  /** The calls passing `filter` as an exported log file (JSON) or one row per event (CSV). */
  async export(format: 'json' | 'csv', filter: QaFilter): Promise<Blob> {
    const q = this._params(filter);
    q.set('format', format);
    return (await this._get('v1/export', q)).blob();
  }
}
