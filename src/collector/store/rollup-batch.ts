/**
 * The QA rollups' bookkeeping: what a scored call adds to `rollup_calls`, `rollup_items` and
 * `rollup_items_daily` (or takes away,
 * when retention deletes it), gathered over a transaction and written at its end as one upsert per table,
 * in key order. One sorted write per transaction matters on PostgreSQL: rows a whole team's calls share
 * are locked in the same order by every collector, so concurrent ingests wait on each other but never
 * deadlock; and one statement may not touch a row twice, hence the sums per key first.
 */
import type {AdherenceReport} from '../../model/report.js';
import type {SqlExecutor, SqlValue} from './sql-driver.js';

/** Rows per upsert statement (SQLite allows 32,766 parameters; 14 per row). */
const ROWS_PER_STATEMENT = 500;

/** The half-hour bucket (`YYYY-MM-DDTHH:MM`, UTC, minutes 00 or 30) of an ISO instant. */
export function rollupBucket(iso: string): string {
  return `${iso.slice(0, 14)}${iso.slice(14, 16) < '30' ? '00' : '30'}`;
}

/** What a call's rollup rows are keyed and summed by, as stored on its row once scored. */
export interface CallContribution {
  startedAt: string;
  team: string | null;
  agentId: string;
  scriptId: string | null;
  scriptTitle: string | null;
  score: number;
  criticalFailed: boolean;
  byCategory: AdherenceReport['byCategory'];
  items: readonly {kind: 'item' | 'step'; id: string; title: string; status: string}[];
}

interface CallSums {
  key: SqlValue[];
  title: string | null;
  n: number[];
}

const CATEGORIES = ['etiquette', 'knowledge', 'procedure'] as const;

/** Sums of contributions per rollup key, written by {@link RollupBatch.write}. */
export class RollupBatch {
  private readonly _calls = new Map<string, CallSums>();
  private readonly _items = new Map<string, CallSums>();
  private readonly _itemsDaily = new Map<string, CallSums>();

  get empty(): boolean {
    return this._calls.size === 0 && this._items.size === 0;
  }

  /** Adds a call (`sign` 1) or takes it away (`sign` -1). */
  add(c: CallContribution, sign: 1 | -1 = 1): void {
    const bucket = rollupBucket(c.startedAt);
    const team = c.team ?? '';
    const script = c.scriptId ?? '';
    const callKey: SqlValue[] = [bucket, team, c.agentId, script];
    const cats = CATEGORIES.flatMap((cat) => {
      const v = c.byCategory[cat];
      return typeof v === 'number' ? [v * sign, sign] : [0, 0];
    });
    bump(this._calls, callKey, c.scriptTitle, [sign, c.score * sign, c.criticalFailed ? sign : 0, ...cats]);
    // A report listing an item twice counts it once, as call_items (keyed by call and item) does.
    const seen = new Set<string>();
    for (const item of c.items) {
      if (item.status === 'n/a' || seen.has(`${item.kind}\u0000${item.id}`)) continue;
      seen.add(`${item.kind}\u0000${item.id}`);
      const is = (status: string) => (item.status === status ? sign : 0);
      const counts = [sign, is('missed'), is('late'), is('skipped')];
      bump(this._items, [bucket, team, script, item.kind, item.id], item.title, counts);
      bump(this._itemsDaily, [bucket.slice(0, 10), team, script, item.kind, item.id], item.title, [
        ...counts,
      ]);
    }
  }

  /** Writes the sums (in key order) and drops rows left with no call; empties the batch. */
  async write(tx: SqlExecutor): Promise<void> {
    await upsert(
      tx,
      'rollup_calls',
      ['bucket', 'team', 'agent_id', 'script_id'],
      'script_title',
      ['calls', 'score_sum', 'critical', ...CATEGORIES.flatMap((c) => [`${c}_sum`, `${c}_n`])],
      this._calls
    );
    const itemSums = ['applicable', 'missed', 'late', 'skipped'];
    const itemKey = ['team', 'script_id', 'kind', 'item_id'];
    await upsert(tx, 'rollup_items', ['bucket', ...itemKey], 'title', itemSums, this._items);
    await upsert(tx, 'rollup_items_daily', ['day', ...itemKey], 'title', itemSums, this._itemsDaily);
    await dropEmpty(tx, 'rollup_calls', 'bucket', 'calls', this._calls);
    await dropEmpty(tx, 'rollup_items', 'bucket', 'applicable', this._items);
    await dropEmpty(tx, 'rollup_items_daily', 'day', 'applicable', this._itemsDaily);
    this._calls.clear();
    this._items.clear();
    this._itemsDaily.clear();
  }
}

/** Deletes the rows of the buckets (or days) a subtraction touched that no call is left in. */
async function dropEmpty(
  tx: SqlExecutor,
  table: string,
  time: string,
  count: string,
  sums: Map<string, CallSums>
) {
  const buckets = [...new Set([...sums.values()].filter((s) => s.n[0]! < 0).map((s) => s.key[0]!))];
  for (let i = 0; i < buckets.length; i += ROWS_PER_STATEMENT) {
    const chunk = buckets.slice(i, i + ROWS_PER_STATEMENT);
    await tx.run(
      `DELETE FROM ${table} WHERE ${time} IN (${chunk.map(() => '?').join(', ')}) AND ${count} <= 0`,
      chunk
    );
  }
}

function bump(map: Map<string, CallSums>, key: SqlValue[], title: string | null, n: number[]): void {
  const id = key.join('\u0000');
  const sums = map.get(id);
  if (!sums) {
    map.set(id, {key, title, n});
    return;
  }
  n.forEach((v, i) => (sums.n[i]! += v));
  if (title !== null && (sums.title === null || title > sums.title)) sums.title = title;
}

async function upsert(
  tx: SqlExecutor,
  table: string,
  keyColumns: string[],
  titleColumn: string,
  sumColumns: string[],
  sums: Map<string, CallSums>
): Promise<void> {
  const rows = [...sums.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
  const columns = [...keyColumns, titleColumn, ...sumColumns];
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  // The title kept is the greatest seen, as MAX(title) over the calls would give (the raw queries' choice).
  const title = `${titleColumn} = CASE WHEN ${table}.${titleColumn} IS NULL OR excluded.${titleColumn} > ${table}.${titleColumn}
    THEN excluded.${titleColumn} ELSE ${table}.${titleColumn} END`;
  const set = [title, ...sumColumns.map((c) => `${c} = ${table}.${c} + excluded.${c}`)].join(', ');
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
    const params: SqlValue[] = chunk.flatMap((r) => [...r.key, r.title ?? null, ...r.n]);
    await tx.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => placeholders).join(', ')}
       ON CONFLICT (${keyColumns.join(', ')}) DO UPDATE SET ${set}`,
      params
    );
  }
}
