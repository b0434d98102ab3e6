/**
 * A call row as the ingest reads and rewrites it, and the rewrite: a batch's new events (start time,
 * end, pinned content), breaks found on the way, the chain walk from where it last stopped, and the
 * call's scoring once every event up to its call-end is stored.
 */
import type {PreparedEvent} from './collector-store.js';
import type {ChainState} from '../ingest/advance-chain.js';
import {advanceChain, breakChain} from '../ingest/advance-chain.js';
import type {RollupBatch} from './rollup-batch.js';
import {scoreCallRow} from './score-call-row.js';
import type {SqlExecutor} from './sql-driver.js';

/** A call row as the ingest reads and rewrites it. */
export interface CallStateRow {
  call_id: string;
  agent_id: string;
  team: string | null;
  started_at: string;
  status: ChainState['status'];
  verified_seq: number;
  verified_hash: string;
  end_seq: number | null;
  broken_at: string | null;
  broken_reason: string | null;
  event_count: number;
  max_seq: number;
  pin_hash: string | null;
  pin_seq: number;
  script_id: string | null;
  ended_at: string | null;
  outcome: string | null;
  last_received_at: string;
  scored: number;
}

/** The columns of a {@link CallStateRow}. */
export const CALL_STATE = `call_id, agent_id, team, started_at, status, verified_seq, verified_hash, end_seq, broken_at,
  broken_reason, event_count, max_seq, pin_hash, pin_seq, script_id, ended_at, outcome,
  last_received_at, CASE WHEN report_source IS NULL THEN 0 ELSE 1 END AS scored`;

/** A break found while sorting conflicts: which call, where, why. */
export interface Break {
  callId: string;
  at: string;
  reason: string;
}

/**
 * Applies the call's new events, breaks and chain walk, scores it when it can (adding it to `rollups`);
 * writes the row.
 */
export async function updateCall(
  tx: SqlExecutor,
  row: CallStateRow,
  added: readonly PreparedEvent[],
  breaks: readonly Break[],
  receivedAt: string,
  rollups: RollupBatch
): Promise<void> {
  const next = {...row};
  for (const e of added) {
    next.event_count++;
    next.max_seq = Math.max(next.max_seq, e.seq);
    if (e.seq === 1) next.started_at = e.clientTs;
    if (e.type === 'call-end' && (next.end_seq === null || e.seq < next.end_seq)) {
      next.end_seq = e.seq;
      next.ended_at = e.clientTs;
      next.outcome = typeof e.data.outcome === 'string' ? e.data.outcome : null;
    }
    // Once scored, a call's script stays what its report and rollups were counted under.
    if ((e.type === 'call-start' || e.type === 'script-switch') && e.seq > next.pin_seq && !row.scored) {
      next.pin_seq = e.seq;
      next.pin_hash = typeof e.data.pinHash === 'string' ? e.data.pinHash : null;
      next.script_id = typeof e.data.scriptId === 'string' ? e.data.scriptId : null;
    }
  }
  let chain: ChainState = {
    status: row.status,
    verifiedSeq: row.verified_seq,
    verifiedHash: row.verified_hash,
    endSeq: next.end_seq,
    brokenAt: row.broken_at,
    brokenReason: row.broken_reason,
  };
  for (const b of breaks) chain = breakChain(chain, b.at, b.reason);
  if (chain.status !== 'broken' && added.length > 0) {
    const links = await tx.all<{
      seq: number;
      event_id: string;
      type: string;
      prev_hash: string;
      hash: string;
      hash_ok: number;
    }>(
      'SELECT seq, event_id, type, prev_hash, hash, hash_ok FROM events WHERE call_id = ? AND seq > ? ORDER BY seq',
      [row.call_id, chain.verifiedSeq]
    );
    chain = advanceChain(
      chain,
      links.map((l) => ({...l, eventId: l.event_id, prevHash: l.prev_hash, hashOk: Number(l.hash_ok) === 1}))
    );
  }
  await tx.run(
    `UPDATE calls SET started_at = ?, ended_at = ?, end_seq = ?, outcome = ?, script_id = ?, pin_hash = ?,
       pin_seq = ?, status = ?, verified_seq = ?, verified_hash = ?, broken_at = ?, broken_reason = ?,
       event_count = ?, max_seq = ?, last_received_at = ? WHERE call_id = ?`,
    [
      next.started_at,
      next.ended_at,
      next.end_seq,
      next.outcome,
      next.script_id,
      next.pin_hash,
      next.pin_seq,
      chain.status,
      chain.verifiedSeq,
      chain.verifiedHash,
      chain.brokenAt,
      chain.brokenReason,
      next.event_count,
      next.max_seq,
      added.length > 0 ? receivedAt : row.last_received_at,
      row.call_id,
    ]
  );
  // A call is scored once, when every event up to its call-end is here (checked or not: QA sees a
  // broken call's report flagged, as the widget's QA view does).
  if (
    !row.scored &&
    next.end_seq !== null &&
    (chain.status === 'broken' || chain.verifiedSeq >= next.end_seq)
  ) {
    await scoreCallRow(
      tx,
      {
        callId: row.call_id,
        agentId: row.agent_id,
        endSeq: next.end_seq,
        pinHash: next.pin_hash,
        team: row.team,
        startedAt: next.started_at,
        scriptId: next.script_id,
      },
      rollups
    );
  }
}
