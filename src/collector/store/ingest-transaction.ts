/**
 * One ingest batch, inside one transaction: create and lock the batch's call rows (in call id order, so
 * two collectors never wait on each other in a circle), insert the events with `ON CONFLICT DO NOTHING`
 * (the event id is the primary key; one event per (call, seq)), sort what did not insert into duplicates
 * and rewrites, then advance each touched call's chain and score it once it ended; the scored calls' QA
 * rollups are written last, in one sorted upsert.
 */
import type {IngestResult, PreparedEvent} from './collector-store.js';
import {GENESIS_HASH} from '../ingest/advance-chain.js';
import {MAINTENANCE_CALL_ID} from '../ingest/maintenance-call-id.js';
import {RollupBatch} from './rollup-batch.js';
import type {SqlExecutor, SqlValue} from './sql-driver.js';
import {CALL_STATE, updateCall} from './update-call.js';
import type {Break, CallStateRow} from './update-call.js';

const marks = (n: number) => Array.from({length: n}, () => '?').join(', ');

function groupByCall(events: readonly PreparedEvent[]): Map<string, PreparedEvent[]> {
  const byCall = new Map<string, PreparedEvent[]>();
  for (const e of events) {
    if (e.callId === MAINTENANCE_CALL_ID) continue;
    const list = byCall.get(e.callId);
    if (list) list.push(e);
    else byCall.set(e.callId, [e]);
  }
  return byCall;
}

/** Creates the missing call rows of a batch and locks them all; resolves them by call id. */
async function lockCalls(
  tx: SqlExecutor,
  forUpdate: string,
  byCall: Map<string, PreparedEvent[]>,
  receivedAt: string
): Promise<Map<string, CallStateRow>> {
  const callIds = [...byCall.keys()].sort();
  if (callIds.length === 0) return new Map();
  const agentIds = [...new Set(callIds.map((id) => byCall.get(id)![0]!.agentId))];
  const teams = new Map(
    (
      await tx.all<{agent_id: string; team: string}>(
        `SELECT agent_id, team FROM agents WHERE agent_id IN (${marks(agentIds.length)})`,
        agentIds
      )
    ).map((r) => [r.agent_id, r.team])
  );
  const found = new Map<string, CallStateRow>();
  let missing = callIds;
  // A second pass only when retention deleted a call row between our insert and our lock.
  for (let pass = 0; pass < 3 && missing.length > 0; pass++) {
    for (const callId of missing) {
      const events = byCall.get(callId)!;
      const first = events[0]!;
      const startedAt = events.reduce((min, e) => (e.clientTs < min ? e.clientTs : min), first.clientTs);
      // The call belongs to the agent (and that agent's team) of its first event to arrive.
      await tx.run(
        `INSERT INTO calls (call_id, agent_id, team, started_at, verified_hash, first_received_at, last_received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING`,
        [
          callId,
          first.agentId,
          teams.get(first.agentId) ?? null,
          startedAt,
          GENESIS_HASH,
          receivedAt,
          receivedAt,
        ]
      );
    }
    const rows = await tx.all<CallStateRow>(
      `SELECT ${CALL_STATE} FROM calls WHERE call_id IN (${marks(missing.length)}) ORDER BY call_id${forUpdate}`,
      missing
    );
    for (const r of rows) found.set(r.call_id, r);
    missing = missing.filter((id) => !found.has(id));
  }
  if (missing.length > 0)
    throw new Error(`collector: could not create the rows of calls ${missing.join(', ')}`);
  return found;
}

async function insertEvents(
  tx: SqlExecutor,
  events: PreparedEvent[],
  receivedAt: string
): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  const params: SqlValue[] = [];
  for (const e of events) {
    params.push(e.eventId, e.callId, e.agentId, e.seq, e.type, e.clientTs, e.prevHash, e.hash);
    params.push(e.hashOk ? 1 : 0, e.body, receivedAt);
  }
  const values = events.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
  const rows = await tx.all<{event_id: string}>(
    `INSERT INTO events (event_id, call_id, agent_id, seq, type, client_ts, prev_hash, hash, hash_ok, body, received_at)
     VALUES ${values} ON CONFLICT DO NOTHING RETURNING event_id`,
    params
  );
  return new Set(rows.map((r) => r.event_id));
}

/** Sorts the events that did not insert: the same event again (duplicate) or a different one (rewrite). */
async function sortConflicts(
  tx: SqlExecutor,
  conflicts: PreparedEvent[],
  result: IngestResult,
  breaks: Break[]
): Promise<void> {
  if (conflicts.length === 0) return;
  const ids = [...new Set(conflicts.map((e) => e.eventId))];
  const stored = new Map(
    (
      await tx.all<{event_id: string; call_id: string; body: string; hash: string}>(
        `SELECT event_id, call_id, body, hash FROM events WHERE event_id IN (${marks(ids.length)})`,
        ids
      )
    ).map((r) => [r.event_id, r])
  );
  for (const e of conflicts) {
    const same = stored.get(e.eventId);
    if (same && same.body === e.body) {
      result.duplicates.push(e.eventId);
    } else if (same && same.call_id !== e.callId) {
      // Not a rewrite of that call (whose owner alone could make one): only this event is refused.
      result.rejected.push({
        eventId: e.eventId,
        reason: `event id ${e.eventId} is taken by another call's event`,
      });
    } else if (same) {
      const why = `event ${e.eventId} was re-uploaded with different content (stored hash ${same.hash}, received ${e.hash})`;
      result.rejected.push({eventId: e.eventId, reason: `${why}: the client's log was changed after upload`});
      if (same.call_id !== MAINTENANCE_CALL_ID)
        breaks.push({callId: same.call_id, at: e.eventId, reason: why});
    } else {
      const [holder] = await tx.all<{event_id: string}>(
        'SELECT event_id FROM events WHERE call_id = ? AND seq = ?',
        [e.callId, e.seq]
      );
      const why = `seq ${e.seq} is held by event ${holder?.event_id ?? '?'}; event ${e.eventId} claims it too`;
      result.rejected.push({eventId: e.eventId, reason: why});
      breaks.push({callId: e.callId, at: `seq ${e.seq}`, reason: why});
    }
  }
}

/** Stores `events` (checked, scoped, hashed) inside `tx`; resolves the answer to send after commit. */
export async function ingestTransaction(
  tx: SqlExecutor,
  forUpdate: string,
  events: readonly PreparedEvent[],
  receivedAt: string
): Promise<IngestResult> {
  const result: IngestResult = {accepted: [], duplicates: [], rejected: []};
  const byCall = groupByCall(events);
  const calls = await lockCalls(tx, forUpdate, byCall, receivedAt);

  const toInsert: PreparedEvent[] = [];
  for (const e of events) {
    const call = calls.get(e.callId);
    if (call && call.agent_id !== e.agentId) {
      const reason = `call ${JSON.stringify(e.callId)} was logged by another agent`;
      result.rejected.push({eventId: e.eventId, reason});
    } else {
      toInsert.push(e);
    }
  }
  const inserted = await insertEvents(tx, toInsert, receivedAt);
  const added = new Map<string, PreparedEvent[]>();
  const conflicts: PreparedEvent[] = [];
  for (const e of toInsert) {
    // An id listed twice in one batch inserts once: the second copy is sorted like any conflict.
    if (inserted.delete(e.eventId)) {
      result.accepted.push(e.eventId);
      if (e.callId === MAINTENANCE_CALL_ID) continue;
      const list = added.get(e.callId);
      if (list) list.push(e);
      else added.set(e.callId, [e]);
    } else {
      conflicts.push(e);
    }
  }
  const breaks: Break[] = [];
  await sortConflicts(tx, conflicts, result, breaks);

  // Breaks name only calls of this batch (locked above): a rewrite is one of the same call.
  const touched = [...new Set([...added.keys(), ...breaks.map((b) => b.callId)])].sort();
  for (const [callId, list] of added) {
    // Clock skew (reliability scenario 26): the collector's time at arrival against the agent's clock.
    const arrival = Date.parse(receivedAt);
    const offset = Math.min(...list.map((e) => arrival - Date.parse(e.clientTs)));
    if (Number.isFinite(offset))
      await tx.run(
        `UPDATE calls SET clock_offset_ms = CASE WHEN clock_offset_ms IS NULL OR clock_offset_ms > ? THEN ?
           ELSE clock_offset_ms END WHERE call_id = ?`,
        [offset, offset, callId]
      );
  }
  const rollups = new RollupBatch();
  for (const callId of touched) {
    const row = calls.get(callId);
    if (!row) continue;
    await updateCall(
      tx,
      row,
      added.get(callId) ?? [],
      breaks.filter((b) => b.callId === callId),
      receivedAt,
      rollups
    );
  }
  if (!rollups.empty) await rollups.write(tx);
  return result;
}
