/**
 * The QA read queries over the per-call summary rows filled at ingest: the call list (keyset paging), one
 * call with its events, the aggregates (computed by the database from the rollups, or from the calls when
 * a filter needs them; never by loading calls), and whole calls for export. Team scope and filters are bound parameters, never SQL text.
 */
import type {CallRecord} from '../../model/call-log.js';
import type {AdherenceReport} from '../../model/report.js';
import type {ExportedEvent} from '../../qa/log-file.js';
import {MOST_MISSED_LIMIT} from '../../qa/aggregate-calls.js';
import type {PinnedContent} from '../ingest/summarize-call.js';
import type {
  Aggregates,
  CallCursor,
  CallDetail,
  CallFilter,
  CallPage,
  CallRow,
  ExportedCall,
  ScoreStats,
} from './collector-store.js';
import {aggregatesFromRollups, rollupsServe} from './rollup-queries.js';
import {type MissedRow, toMissedItems} from './missed-items.js';
import type {SqlExecutor, SqlValue} from './sql-driver.js';

const ROW_COLUMNS = `c.call_id, c.agent_id, c.team, c.script_id, c.script_title, c.started_at, c.ended_at, c.clock_offset_ms,
  c.outcome, c.status, c.verified_seq, c.max_seq, c.event_count, c.broken_at, c.broken_reason, c.score,
  c.critical_failed`;

interface RawRow {
  call_id: string;
  agent_id: string;
  team: string | null;
  script_id: string | null;
  script_title: string | null;
  started_at: string;
  ended_at: string | null;
  outcome: string | null;
  status: CallRow['status'];
  verified_seq: number;
  max_seq: number;
  event_count: number;
  broken_at: string | null;
  broken_reason: string | null;
  score: number | null;
  critical_failed: number | null;
  clock_offset_ms: number | string | null;
}

function toCallRow(r: RawRow): CallRow {
  return {
    callId: r.call_id,
    agentId: r.agent_id,
    team: r.team,
    scriptId: r.script_id,
    scriptTitle: r.script_title,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    outcome: r.outcome,
    status: r.status,
    verifiedSeq: Number(r.verified_seq),
    maxSeq: Number(r.max_seq),
    eventCount: Number(r.event_count),
    brokenAt: r.broken_at,
    brokenReason: r.broken_reason,
    score: r.score === null ? null : Number(r.score),
    criticalFailed: r.critical_failed === null ? null : Number(r.critical_failed) === 1,
    clockOffsetMs: r.clock_offset_ms === null ? null : Number(r.clock_offset_ms),
  };
}

const marks = (n: number) => Array.from({length: n}, () => '?').join(', ');

/** The WHERE conditions of a filter, on the calls table aliased `c`. */
function conditions(filter: CallFilter, extra: string[] = []): {where: string; params: SqlValue[]} {
  const parts = [...extra];
  const params: SqlValue[] = [];
  const add = (sql: string, value: string | undefined) => {
    if (value === undefined) return;
    parts.push(sql);
    params.push(value);
  };
  add('c.team = ?', filter.team);
  add('c.agent_id = ?', filter.agentId);
  add('c.script_id = ?', filter.scriptId);
  add('c.started_at >= ?', filter.from);
  add('c.started_at < ?', filter.to);
  add('c.status = ?', filter.status);
  return {where: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params};
}

export async function listCalls(
  db: SqlExecutor,
  filter: CallFilter,
  limit: number,
  after: CallCursor | null
): Promise<CallPage> {
  const {where, params} = conditions(filter, after ? ['(c.started_at, c.call_id) < (?, ?)'] : []);
  const rows = await db.all<RawRow>(
    `SELECT ${ROW_COLUMNS} FROM calls c ${where} ORDER BY c.started_at DESC, c.call_id DESC LIMIT ?`,
    [...(after ? [after.startedAt, after.callId] : []), ...params, limit + 1]
  );
  const calls = rows.slice(0, limit).map(toCallRow);
  const last = calls.at(-1);
  return {calls, next: rows.length > limit && last ? {startedAt: last.startedAt, callId: last.callId} : null};
}

/** Parses stored event bodies (canonical JSON of the event without `synced`). */
const parseEvents = (rows: {body: string}[]) => rows.map((r) => JSON.parse(r.body) as ExportedEvent);

export async function getCall(
  db: SqlExecutor,
  callId: string,
  team: string | undefined
): Promise<CallDetail | null> {
  const {where, params} = conditions({team}, ['c.call_id = ?']);
  const [row] = await db.all<RawRow & {report: string | null; report_source: 'log' | 'event' | null}>(
    `SELECT ${ROW_COLUMNS}, r.report, c.report_source FROM calls c
     LEFT JOIN call_reports r ON r.call_id = c.call_id ${where}`,
    [callId, ...params]
  );
  if (!row) return null;
  const events = await db.all<{body: string}>('SELECT body FROM events WHERE call_id = ? ORDER BY seq', [
    callId,
  ]);
  return {
    call: {
      ...toCallRow(row),
      report: row.report === null ? null : (JSON.parse(row.report) as AdherenceReport),
      reportSource: row.report_source,
    },
    events: parseEvents(events),
  };
}

const STATS = `CAST(COUNT(*) AS INTEGER) AS count, CAST(AVG(c.score) AS DOUBLE PRECISION) AS mean,
  CAST(COALESCE(SUM(c.critical_failed), 0) AS INTEGER) AS critical`;

interface RawStats {
  count: number;
  mean: number | null;
  critical: number;
}

const toStats = (r: RawStats): ScoreStats => ({
  count: Number(r.count),
  meanScore: r.mean === null ? null : Number(r.mean),
  criticalFailures: Number(r.critical),
});

const countIf = (status: string) =>
  `CAST(SUM(CASE WHEN i.status = '${status}' THEN 1 ELSE 0 END) AS INTEGER)`;

/**
 * The trend's days in a time zone `tzOffset` minutes east of UTC: the database sums per UTC hour (per
 * 10 minutes or per minute for zones off the hour), and the buckets are added up into the zone's days
 * here, so both dialects share one plain `substr` and the reader sees its own calendar days.
 */
async function trendByDay(
  db: SqlExecutor,
  where: string,
  params: SqlValue[],
  tzOffset: number
): Promise<Aggregates['trend']> {
  if (tzOffset === 0) {
    const rows = await db.all<RawStats & {day: string}>(
      `SELECT substr(c.started_at, 1, 10) AS day, ${STATS} FROM calls c ${where}
       GROUP BY substr(c.started_at, 1, 10) ORDER BY day`,
      params
    );
    return rows.map((t) => ({day: t.day, meanScore: Number(t.mean), count: Number(t.count)}));
  }
  const width = tzOffset % 60 === 0 ? 13 : tzOffset % 10 === 0 ? 15 : 16;
  const buckets = await db.all<{bucket: string; count: number; total: number}>(
    `SELECT substr(c.started_at, 1, ${width}) AS bucket, CAST(COUNT(*) AS INTEGER) AS count,
       CAST(SUM(c.score) AS DOUBLE PRECISION) AS total FROM calls c ${where}
     GROUP BY substr(c.started_at, 1, ${width})`,
    params
  );
  const days = new Map<string, {count: number; total: number}>();
  const pad = width === 13 ? ':00' : width === 15 ? '0' : '';
  for (const b of buckets) {
    const start = Date.parse(`${b.bucket}${pad}:00Z`);
    if (Number.isNaN(start)) continue;
    const day = new Date(start + tzOffset * 60_000).toISOString().slice(0, 10);
    const d = days.get(day) ?? days.set(day, {count: 0, total: 0}).get(day)!;
    d.count += Number(b.count);
    d.total += Number(b.total);
  }
  return [...days]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, d]) => ({day, meanScore: d.total / d.count, count: d.count}));
}

/**
 * The aggregates: from the rollups when they answer the filter exactly, else from the per-call rows. One
 * agent's most-missed table always comes from that agent's calls (few, found by index).
 */
export async function aggregates(db: SqlExecutor, filter: CallFilter, tzOffset = 0): Promise<Aggregates> {
  if (!rollupsServe(filter, tzOffset)) return aggregatesFromCalls(db, filter, tzOffset);
  const result = await aggregatesFromRollups(db, filter, tzOffset);
  if (filter.agentId !== undefined) result.mostMissed = await mostMissedFromCalls(db, filter);
  return result;
}

async function mostMissedFromCalls(db: SqlExecutor, filter: CallFilter): Promise<Aggregates['mostMissed']> {
  const {where, params} = conditions(filter, ['c.score IS NOT NULL']);
  const missed = await db.all<MissedRow>(
    `SELECT i.kind, i.item_id, MAX(i.title) AS title, ${countIf('missed')} AS missed, ${countIf('late')} AS late,
       ${countIf('skipped')} AS skipped, CAST(COUNT(*) AS INTEGER) AS applicable
     FROM call_items i JOIN calls c ON c.call_id = i.call_id ${where} AND i.status <> 'n/a'
     GROUP BY i.kind, i.item_id
     HAVING SUM(CASE WHEN i.status IN ('missed', 'late') THEN 1 ELSE 0 END) > 0
     ORDER BY missed DESC, late DESC, title, i.item_id LIMIT ?`,
    [...params, MOST_MISSED_LIMIT]
  );
  return toMissedItems(missed);
}

/** The aggregates computed from the per-call rows and report items (any filter; cost grows with calls). */
export async function aggregatesFromCalls(
  db: SqlExecutor,
  filter: CallFilter,
  tzOffset = 0
): Promise<Aggregates> {
  const {where, params} = conditions(filter, ['c.score IS NOT NULL']);
  const [total] = await db.all<
    RawStats & {etiquette: number | null; knowledge: number | null; procedure: number | null}
  >(
    `SELECT ${STATS}, CAST(AVG(c.cat_etiquette) AS DOUBLE PRECISION) AS etiquette,
       CAST(AVG(c.cat_knowledge) AS DOUBLE PRECISION) AS knowledge,
       CAST(AVG(c.cat_procedure) AS DOUBLE PRECISION) AS procedure FROM calls c ${where}`,
    params
  );
  // Days are UTC unless the reader names its zone (the widget does: a team spans time zones).
  const trend = await trendByDay(db, where, params, tzOffset);
  const byAgent = await db.all<RawStats & {agent_id: string}>(
    `SELECT c.agent_id, ${STATS} FROM calls c ${where} GROUP BY c.agent_id ORDER BY c.agent_id`,
    params
  );
  const byScript = await db.all<RawStats & {script_id: string | null; title: string | null}>(
    `SELECT c.script_id, MAX(c.script_title) AS title, ${STATS} FROM calls c ${where}
     GROUP BY c.script_id ORDER BY c.script_id IS NULL, c.script_id`,
    params
  );
  const mostMissed = await mostMissedFromCalls(db, filter);
  const byCategory: Aggregates['byCategory'] = {};
  for (const cat of ['etiquette', 'knowledge', 'procedure'] as const) {
    const v = total?.[cat];
    if (v !== null && v !== undefined) byCategory[cat] = Number(v);
  }
  return {
    ...toStats(total ?? {count: 0, mean: null, critical: 0}),
    trend,
    byCategory,
    mostMissed,
    byAgent: byAgent.map((a) => ({agentId: a.agent_id, ...toStats(a)})),
    byScript: byScript.map((s) => ({scriptId: s.script_id, title: s.title, ...toStats(s)})),
  };
}

export async function exportCallIds(db: SqlExecutor, filter: CallFilter, limit: number): Promise<string[]> {
  const {where, params} = conditions(filter);
  const rows = await db.all<{call_id: string}>(
    `SELECT c.call_id FROM calls c ${where} ORDER BY c.started_at DESC, c.call_id DESC LIMIT ?`,
    [...params, limit]
  );
  return rows.map((r) => r.call_id);
}

/** Whole calls in the widget's log file shape (src/qa/log-file.ts), so the QA view can import an export. */
export async function exportCalls(db: SqlExecutor, callIds: string[]): Promise<ExportedCall[]> {
  if (callIds.length === 0) return [];
  const rows = await db.all<RawRow & {report: string | null; content: string | null}>(
    `SELECT ${ROW_COLUMNS}, r.report, p.content FROM calls c LEFT JOIN call_reports r ON r.call_id = c.call_id
     LEFT JOIN pins p ON p.pin_hash = c.pin_hash WHERE c.call_id IN (${marks(callIds.length)})`,
    callIds
  );
  const eventRows = await db.all<{call_id: string; body: string}>(
    `SELECT call_id, body FROM events WHERE call_id IN (${marks(callIds.length)}) ORDER BY call_id, seq`,
    callIds
  );
  const events = new Map<string, ExportedEvent[]>();
  for (const r of eventRows) {
    const list = events.get(r.call_id) ?? [];
    list.push(JSON.parse(r.body) as ExportedEvent);
    events.set(r.call_id, list);
  }
  const byId = new Map(rows.map((r) => [r.call_id, r]));
  return callIds.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const row = toCallRow(r);
    const callEvents = events.get(id) ?? [];
    const pin = r.content === null ? null : (JSON.parse(r.content) as PinnedContent);
    const record: CallRecord = {
      callId: row.callId,
      agentId: row.agentId,
      status: row.endedAt === null ? 'active' : 'ended',
      startedAt: row.startedAt,
      // The tab's monotonic clock never leaves the browser; offsets in the events carry the timing.
      startedMono: 0,
      packHash: callEvents[0]?.packVersion ?? '',
      scriptId: row.scriptId,
      script: pin?.script ?? null,
      items: pin?.items ?? [],
      eventCount: row.eventCount,
      chain:
        row.status === 'intact'
          ? {ok: true, checked: row.verifiedSeq}
          : {
              ok: false,
              checked: row.verifiedSeq,
              brokenAt: row.brokenAt ?? `${row.callId} seq ${row.verifiedSeq + 1}`,
            },
    };
    if (row.endedAt !== null) record.endedAt = row.endedAt;
    if (r.report !== null) record.report = JSON.parse(r.report) as AdherenceReport;
    if (row.outcome !== null) record.outcome = row.outcome;
    return [{record, events: callEvents}];
  });
}
