/**
 * Scores one ended call inside the caller's transaction: reads its events 1..call-end and its pinned
 * content, computes the report (src/collector/ingest/summarize-call.ts) and writes the call's score
 * columns, report and report items, which the QA list and aggregates read instead of replaying logs, and
 * adds the call to the caller's rollup batch (written at the end of the transaction).
 */
import {jsonText} from '../../internal/json-text.js';
import type {LogEvent} from '../../model/call-log.js';
import type {PinnedContent} from '../ingest/summarize-call.js';
import {summarizeCall} from '../ingest/summarize-call.js';
import type {RollupBatch} from './rollup-batch.js';
import type {SqlExecutor, SqlValue} from './sql-driver.js';

/** What scoring needs of a call row. */
export interface ScorableCall {
  callId: string;
  agentId: string;
  endSeq: number;
  pinHash: string | null;
  team: string | null;
  startedAt: string;
  scriptId: string | null;
}

/** Scores `call` when all its events up to call-end are stored; resolves whether it was scored. */
export async function scoreCallRow(
  tx: SqlExecutor,
  call: ScorableCall,
  rollups: RollupBatch
): Promise<boolean> {
  const rows = await tx.all<{body: string}>(
    'SELECT body FROM events WHERE call_id = ? AND seq <= ? ORDER BY seq',
    [call.callId, call.endSeq]
  );
  // (call_id, seq) is unique and seq ≥ 1: as many rows as endSeq means 1..endSeq without a gap.
  if (rows.length !== call.endSeq) return false;
  const events = rows.map((r) => JSON.parse(r.body) as Omit<LogEvent, 'synced'>);
  let pin: PinnedContent | null = null;
  let scriptTitle: string | null = null;
  if (call.pinHash !== null) {
    const [found] = await tx.all<{content: string; script_title: string | null}>(
      'SELECT content, script_title FROM pins WHERE pin_hash = ?',
      [call.pinHash]
    );
    if (found) {
      pin = JSON.parse(found.content) as PinnedContent;
      scriptTitle = found.script_title;
    }
  }
  const summary = summarizeCall(call, events, pin);
  if (!summary) return false;
  const {report} = summary;
  await tx.run(
    `UPDATE calls SET score = ?, critical_failed = ?, cat_etiquette = ?, cat_knowledge = ?, cat_procedure = ?,
       report_source = ?, script_title = COALESCE(?, script_title) WHERE call_id = ?`,
    [
      report.score,
      report.criticalFailed ? 1 : 0,
      report.byCategory.etiquette ?? null,
      report.byCategory.knowledge ?? null,
      report.byCategory.procedure ?? null,
      summary.source,
      scriptTitle,
      call.callId,
    ]
  );
  await tx.run(
    'INSERT INTO call_reports (call_id, report) VALUES (?, ?) ON CONFLICT (call_id) DO UPDATE SET report = excluded.report',
    [call.callId, jsonText(report)]
  );
  await tx.run('DELETE FROM call_items WHERE call_id = ?', [call.callId]);
  if (report.items.length > 0) {
    const params: SqlValue[] = [];
    for (const item of report.items) {
      params.push(
        call.callId,
        item.kind === 'step' ? 'step' : 'item',
        item.id,
        item.title ?? item.id,
        item.category,
        item.status,
        item.critical ? 1 : 0
      );
    }
    const values = report.items.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
    // A report listing an item twice counts it once (as the widget's aggregates do).
    await tx.run(
      `INSERT INTO call_items (call_id, kind, item_id, title, category, status, critical) VALUES ${values}
       ON CONFLICT DO NOTHING`,
      params
    );
  }
  rollups.add({
    startedAt: call.startedAt,
    team: call.team,
    agentId: call.agentId,
    scriptId: call.scriptId,
    scriptTitle,
    score: report.score,
    criticalFailed: report.criticalFailed,
    byCategory: report.byCategory,
    items: report.items.map((item) => ({
      kind: item.kind === 'step' ? 'step' : 'item',
      id: item.id,
      title: item.title ?? item.id,
      status: item.status,
    })),
  });
  return true;
}
