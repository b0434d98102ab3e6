/**
 * The most-missed table's rows as both of its queries return them (from the per-call report items or
 * from the rollups): counts arrive as numbers or, from PostgreSQL, as strings.
 */
import type {QaMissedItem} from '../../qa/aggregate-calls.js';

/** One row of a most-missed query. */
export interface MissedRow {
  kind: 'item' | 'step';
  item_id: string;
  title: string;
  missed: number | string;
  late: number | string;
  skipped: number | string;
  applicable: number | string;
}

/** The rows as the QA API gives them. */
export function toMissedItems(rows: readonly MissedRow[]): QaMissedItem[] {
  return rows.map((m) => ({
    id: m.item_id,
    kind: m.kind,
    title: m.title,
    missed: Number(m.missed),
    late: Number(m.late),
    skipped: Number(m.skipped),
    applicable: Number(m.applicable),
  }));
}
