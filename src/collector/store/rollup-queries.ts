/**
 * The QA aggregates read from the rollups kept at ingest (rollup_calls, rollup_items): their cost follows
 * the number of half hours × agents × scripts in range, not the number of calls and report items. A filter
 * the rollups cannot answer exactly (a chain status, a bound or time zone off the half hour) goes to the
 * per-call queries instead ({@link rollupsServe}). Also what retention subtracts from them.
 */
import type {Aggregates, CallFilter} from './collector-store.js';
import {MOST_MISSED_LIMIT} from '../../qa/aggregate-calls.js';
import {RollupBatch} from './rollup-batch.js';
import {type MissedRow, toMissedItems} from './missed-items.js';
import type {SqlExecutor, SqlValue} from './sql-driver.js';

const HALF_HOUR_MS = 30 * 60_000;

const onHalfHour = (iso: string | undefined) => iso === undefined || Date.parse(iso) % HALF_HOUR_MS === 0;

/** Whether the rollups answer `filter` in a zone `tzOffset` minutes east of UTC exactly. */
export function rollupsServe(filter: CallFilter, tzOffset: number): boolean {
  return (
    filter.status === undefined && tzOffset % 30 === 0 && onHalfHour(filter.from) && onHalfHour(filter.to)
  );
}

/** The WHERE of a filter on a rollup table aliased `r` (rollup_items has no agent: never asked by agent). */
function conditions(filter: CallFilter): {where: string; params: SqlValue[]} {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  const add = (sql: string, value: string | undefined) => {
    if (value === undefined) return;
    parts.push(sql);
    params.push(value);
  };
  add('r.team = ?', filter.team);
  add('r.agent_id = ?', filter.agentId);
  add('r.script_id = ?', filter.scriptId);
  // Bounds on the half hour: a bucket is in range exactly when its calls are.
  add('r.bucket >= ?', filter.from?.slice(0, 16));
  add('r.bucket < ?', filter.to?.slice(0, 16));
  return {where: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params};
}

const SUMS = `CAST(SUM(r.calls) AS INTEGER) AS calls, CAST(SUM(r.score_sum) AS DOUBLE PRECISION) AS score_sum,
  CAST(SUM(r.critical) AS INTEGER) AS critical`;

interface RawSums {
  calls: number | string;
  score_sum: number | string | null;
  critical: number | string;
}

const toStats = (r: RawSums) => {
  const count = Number(r.calls);
  return {
    count,
    meanScore: count > 0 ? Number(r.score_sum) / count : null,
    criticalFailures: Number(r.critical),
  };
};

/** Adds the half-hour buckets up into the days of a zone `tzOffset` minutes east of UTC. */
function trendOf(
  buckets: {bucket: string; calls: number | string; score_sum: number | string | null}[],
  tz: number
) {
  const days = new Map<string, {count: number; total: number}>();
  for (const b of buckets) {
    const day = new Date(Date.parse(`${b.bucket}:00Z`) + tz * 60_000).toISOString().slice(0, 10);
    const d = days.get(day) ?? days.set(day, {count: 0, total: 0}).get(day)!;
    d.count += Number(b.calls);
    d.total += Number(b.score_sum);
  }
  return [...days]
    .filter(([, d]) => d.count > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, d]) => ({day, meanScore: d.total / d.count, count: d.count}));
}

/**
 * The aggregates from the rollups (only when {@link rollupsServe}). The most-missed table of one agent is
 * left empty here (rollup_items has no agent): the caller reads it from that agent's calls.
 */
export async function aggregatesFromRollups(
  db: SqlExecutor,
  filter: CallFilter,
  tzOffset: number
): Promise<Aggregates> {
  const {where, params} = conditions(filter);
  const [total] = await db.all<
    RawSums & Record<`${'etiquette' | 'knowledge' | 'procedure'}_${'sum' | 'n'}`, number>
  >(
    `SELECT ${SUMS}, CAST(SUM(r.etiquette_sum) AS DOUBLE PRECISION) AS etiquette_sum,
       CAST(SUM(r.etiquette_n) AS INTEGER) AS etiquette_n,
       CAST(SUM(r.knowledge_sum) AS DOUBLE PRECISION) AS knowledge_sum,
       CAST(SUM(r.knowledge_n) AS INTEGER) AS knowledge_n,
       CAST(SUM(r.procedure_sum) AS DOUBLE PRECISION) AS procedure_sum,
       CAST(SUM(r.procedure_n) AS INTEGER) AS procedure_n FROM rollup_calls r ${where}`,
    params
  );
  const buckets = await db.all<RawSums & {bucket: string}>(
    `SELECT r.bucket, ${SUMS} FROM rollup_calls r ${where} GROUP BY r.bucket`,
    params
  );
  const byAgent = await db.all<RawSums & {agent_id: string}>(
    `SELECT r.agent_id, ${SUMS} FROM rollup_calls r ${where} GROUP BY r.agent_id ORDER BY r.agent_id`,
    params
  );
  const byScript = await db.all<RawSums & {script_id: string; title: string | null}>(
    `SELECT r.script_id, MAX(r.script_title) AS title, ${SUMS} FROM rollup_calls r ${where}
     GROUP BY r.script_id ORDER BY r.script_id = '', r.script_id`,
    params
  );
  const byCategory: Aggregates['byCategory'] = {};
  for (const cat of ['etiquette', 'knowledge', 'procedure'] as const) {
    const n = Number(total?.[`${cat}_n`] ?? 0);
    if (n > 0) byCategory[cat] = Number(total![`${cat}_sum`]) / n;
  }
  const mostMissed = filter.agentId === undefined ? await mostMissedFromRollups(db, filter) : [];
  return {
    ...toStats(total ?? {calls: 0, score_sum: null, critical: 0}),
    trend: trendOf(buckets, tzOffset),
    byCategory,
    mostMissed,
    byAgent: byAgent.map((a) => ({agentId: a.agent_id, ...toStats(a)})),
    byScript: byScript.map((s) => ({
      scriptId: s.script_id === '' ? null : s.script_id,
      title: s.title,
      ...toStats(s),
    })),
  };
}

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The most-missed table from the item rollups: the whole UTC days of the range from rollup_items_daily,
 * the partial days at its ends from the half-hour rows (a reader's local days seldom start at UTC
 * midnight), added up per item.
 */
async function mostMissedFromRollups(db: SqlExecutor, filter: CallFilter): Promise<Aggregates['mostMissed']> {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  /** One SELECT of the union: `table` rows of the reader's scope with `time` in [start, end). */
  const select = (table: string, time: string, start: string | undefined, end: string | undefined) => {
    const where: string[] = [];
    const add = (sql: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(sql);
      params.push(value);
    };
    add('r.team = ?', filter.team);
    add('r.script_id = ?', filter.scriptId);
    add(`r.${time} >= ?`, start);
    add(`r.${time} < ?`, end);
    parts.push(
      `SELECT r.kind, r.item_id, r.title, r.applicable, r.missed, r.late, r.skipped FROM ${table} r
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}`
    );
  };
  const from = filter.from === undefined ? undefined : Date.parse(filter.from);
  const to = filter.to === undefined ? undefined : Date.parse(filter.to);
  // The whole UTC days inside the range, [firstDay, endDay) in ms (open where the range is).
  const firstDay = from === undefined ? undefined : Math.ceil(from / DAY_MS) * DAY_MS;
  const endDay = to === undefined ? undefined : Math.floor(to / DAY_MS) * DAY_MS;
  const bucket = (ms: number | undefined) =>
    ms === undefined ? undefined : new Date(ms).toISOString().slice(0, 16);
  if (firstDay !== undefined && endDay !== undefined && firstDay >= endDay) {
    // Within one day: its half hours alone.
    select('rollup_items', 'bucket', bucket(from), bucket(to));
  } else {
    select(
      'rollup_items_daily',
      'day',
      firstDay === undefined ? undefined : dayOf(firstDay),
      endDay === undefined ? undefined : dayOf(endDay)
    );
    if (from !== undefined && from < firstDay!)
      select('rollup_items', 'bucket', bucket(from), bucket(firstDay));
    if (to !== undefined && endDay! < to) select('rollup_items', 'bucket', bucket(endDay), bucket(to));
  }
  const missed = await db.all<MissedRow>(
    `SELECT x.kind, x.item_id, MAX(x.title) AS title, CAST(SUM(x.missed) AS INTEGER) AS missed,
       CAST(SUM(x.late) AS INTEGER) AS late, CAST(SUM(x.skipped) AS INTEGER) AS skipped,
       CAST(SUM(x.applicable) AS INTEGER) AS applicable
     FROM (${parts.join(' UNION ALL ')}) x
     GROUP BY x.kind, x.item_id
     HAVING SUM(x.missed) + SUM(x.late) > 0
     ORDER BY missed DESC, late DESC, title, x.item_id LIMIT ?`,
    [...params, MOST_MISSED_LIMIT]
  );
  return toMissedItems(missed);
}

const marks = (n: number) => Array.from({length: n}, () => '?').join(', ');

/** What the scored calls among `callIds` added to the rollups, as a batch that takes it away. */
export async function contributionsOf(db: SqlExecutor, callIds: readonly string[]): Promise<RollupBatch> {
  const batch = new RollupBatch();
  if (callIds.length === 0) return batch;
  const calls = await db.all<{
    call_id: string;
    started_at: string;
    team: string | null;
    agent_id: string;
    script_id: string | null;
    script_title: string | null;
    score: number | string;
    critical_failed: number | string;
    cat_etiquette: number | string | null;
    cat_knowledge: number | string | null;
    cat_procedure: number | string | null;
  }>(
    `SELECT call_id, started_at, team, agent_id, script_id, script_title, score, critical_failed, cat_etiquette,
       cat_knowledge, cat_procedure FROM calls
     WHERE call_id IN (${marks(callIds.length)}) AND report_source IS NOT NULL AND score IS NOT NULL`,
    callIds
  );
  if (calls.length === 0) return batch;
  const items = await db.all<{
    call_id: string;
    kind: 'item' | 'step';
    item_id: string;
    title: string;
    status: string;
  }>(
    `SELECT call_id, kind, item_id, title, status FROM call_items WHERE call_id IN (${marks(calls.length)})`,
    calls.map((c) => c.call_id)
  );
  const itemsOf = new Map<string, typeof items>();
  for (const i of items) itemsOf.set(i.call_id, [...(itemsOf.get(i.call_id) ?? []), i]);
  const num = (v: number | string | null) => (v === null ? undefined : Number(v));
  for (const c of calls) {
    const byCategory: Record<string, number> = {};
    for (const cat of ['etiquette', 'knowledge', 'procedure'] as const) {
      const v = num(c[`cat_${cat}`]);
      if (v !== undefined) byCategory[cat] = v;
    }
    batch.add(
      {
        startedAt: c.started_at,
        team: c.team,
        agentId: c.agent_id,
        scriptId: c.script_id,
        scriptTitle: c.script_title,
        score: Number(c.score),
        criticalFailed: Number(c.critical_failed) === 1,
        byCategory,
        items: (itemsOf.get(c.call_id) ?? []).map((i) => ({
          kind: i.kind,
          id: i.item_id,
          title: i.title,
          status: i.status,
        })),
      },
      -1
    );
  }
  return batch;
}
