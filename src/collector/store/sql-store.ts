/**
 * The collector's store over a SQL driver: one implementation of {@link CollectorStore} for both
 * databases (the adapters in sqlite-store.ts and postgres-store.ts differ only in their driver). Every
 * statement is parameterized; every write that must be all-or-nothing is one transaction.
 */
import type {SignalEvent} from '../../health/knowledge-events.js';
import {knowledgeEvents} from './knowledge-queries.js';
import type {KnowledgeEventFilter} from './knowledge-queries.js';
import type {
  Aggregates,
  CallCursor,
  CallDetail,
  CallFilter,
  CallPage,
  CollectorStore,
  ExportedCall,
  IngestResult,
  Pin,
  PreparedEvent,
  RetentionBatch,
  Role,
  TokenRecord,
} from './collector-store.js';
import * as queries from './call-queries.js';
import {ingestTransaction} from './ingest-transaction.js';
import {MAINTENANCE_CALL_ID} from '../ingest/maintenance-call-id.js';
import {runMigrations} from './run-migrations.js';
import {RollupBatch} from './rollup-batch.js';
import {contributionsOf} from './rollup-queries.js';
import {scoreCallRow} from './score-call-row.js';
import type {SqlDriver, SqlExecutor} from './sql-driver.js';

interface RawToken {
  id: string;
  role: Role;
  agent_id: string | null;
  team: string | null;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

const TOKEN_COLUMNS = 'id, role, agent_id, team, label, created_at, revoked_at';

const toToken = (r: RawToken): TokenRecord => ({
  id: r.id,
  role: r.role,
  agentId: r.agent_id,
  team: r.team,
  label: r.label,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

/** The settings key that records that the first admin token was issued. */
const FIRST_TOKEN_KEY = 'first-admin-token';
/** Calls looked at per pass of the rescoring and retention loops. */
const PAGE = 200;

const marks = (n: number) => Array.from({length: n}, () => '?').join(', ');

async function insertTokenRow(tx: SqlExecutor, t: TokenRecord, secretHash: string): Promise<void> {
  await tx.run(
    `INSERT INTO tokens (id, token_hash, role, agent_id, team, label, created_at, revoked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
    [t.id, secretHash, t.role, t.agentId, t.team, t.label, t.createdAt]
  );
  // An agent token with a team (re)assigns the agent to it: the agent's next calls belong to that team.
  if (t.role === 'agent' && t.agentId !== null && t.team !== null) {
    await tx.run(
      `INSERT INTO agents (agent_id, team, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (agent_id) DO UPDATE SET team = excluded.team, updated_at = excluded.updated_at`,
      [t.agentId, t.team, t.createdAt]
    );
  }
}

export class SqlStore implements CollectorStore {
  readonly dialect: 'sqlite' | 'postgres';
  private _closed: Promise<void> | null = null;

  constructor(private readonly _db: SqlDriver) {
    this.dialect = _db.dialect;
  }

  knowledgeEvents(filter: KnowledgeEventFilter): Promise<SignalEvent[]> {
    return knowledgeEvents(this._db, filter);
  }

  migrate(upTo = Infinity): Promise<number[]> {
    return runMigrations(this._db, () => new Date().toISOString(), upTo);
  }

  async ping(): Promise<void> {
    await this._db.all('SELECT 1 AS one');
  }

  ingest(events: PreparedEvent[], receivedAt: string): Promise<IngestResult> {
    return this._db.transaction((tx) => ingestTransaction(tx, this._db.forUpdate, events, receivedAt));
  }

  insertToken(token: TokenRecord, secretHash: string): Promise<void> {
    return this._db.transaction((tx) => insertTokenRow(tx, token, secretHash));
  }

  insertFirstToken(token: TokenRecord, secretHash: string): Promise<boolean> {
    return this._db.transaction(async (tx) => {
      // The settings row is the race-free "only once": of several collectors starting together on one
      // PostgreSQL, exactly one inserts it.
      const first = await tx.run(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING',
        [FIRST_TOKEN_KEY, token.createdAt]
      );
      if (first === 0) return false;
      const [{n}] = (await tx.all<{n: number}>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM tokens')) as [
        {n: number},
      ];
      if (Number(n) > 0) return false;
      await insertTokenRow(tx, token, secretHash);
      return true;
    });
  }

  async tokenBySecretHash(secretHash: string): Promise<TokenRecord | null> {
    const [row] = await this._db.all<RawToken>(
      `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE token_hash = ? AND revoked_at IS NULL`,
      [secretHash]
    );
    return row ? toToken(row) : null;
  }

  async listTokens(): Promise<TokenRecord[]> {
    const rows = await this._db.all<RawToken>(`SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY created_at, id`);
    return rows.map(toToken);
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    return (
      (await this._db.run('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [at, id])) >
      0
    );
  }

  async addPins(pins: Pin[], at: string): Promise<number> {
    return this._db.transaction(async (tx) => {
      let added = 0;
      for (const p of pins) {
        added += await tx.run(
          `INSERT INTO pins (pin_hash, script_id, script_version, script_title, content, added_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (pin_hash) DO NOTHING`,
          [p.pinHash, p.scriptId, p.scriptVersion, p.scriptTitle, p.content, at]
        );
      }
      return added;
    });
  }

  async rescorePending(): Promise<number> {
    let after = '';
    let scored = 0;
    for (;;) {
      const ids = await this._db.all<{call_id: string}>(
        `SELECT c.call_id FROM calls c JOIN pins p ON p.pin_hash = c.pin_hash
         WHERE c.report_source IS NULL AND c.end_seq IS NOT NULL AND c.call_id > ? ORDER BY c.call_id LIMIT ?`,
        [after, PAGE]
      );
      for (const {call_id: callId} of ids) {
        const done = await this._db.transaction(async (tx) => {
          const [row] = await tx.all<{
            agent_id: string;
            end_seq: number;
            pin_hash: string | null;
            team: string | null;
            started_at: string;
            script_id: string | null;
          }>(
            `SELECT agent_id, end_seq, pin_hash, team, started_at, script_id FROM calls
             WHERE call_id = ? AND report_source IS NULL${this._db.forUpdate}`,
            [callId]
          );
          if (!row) return false;
          const rollups = new RollupBatch();
          const scoredNow = await scoreCallRow(
            tx,
            {
              callId,
              agentId: row.agent_id,
              endSeq: Number(row.end_seq),
              pinHash: row.pin_hash,
              team: row.team,
              startedAt: row.started_at,
              scriptId: row.script_id,
            },
            rollups
          );
          await rollups.write(tx);
          return scoredNow;
        });
        if (done) scored++;
      }
      if (ids.length < PAGE) return scored;
      after = ids.at(-1)!.call_id;
    }
  }

  listCalls(filter: CallFilter, limit: number, after: CallCursor | null): Promise<CallPage> {
    return queries.listCalls(this._db, filter, limit, after);
  }

  getCall(callId: string, team: string | undefined): Promise<CallDetail | null> {
    return queries.getCall(this._db, callId, team);
  }

  aggregates(filter: CallFilter, tzOffset = 0): Promise<Aggregates> {
    return queries.aggregates(this._db, filter, tzOffset);
  }

  exportCallIds(filter: CallFilter, limit: number): Promise<string[]> {
    return queries.exportCallIds(this._db, filter, limit);
  }

  exportCalls(callIds: string[]): Promise<ExportedCall[]> {
    return queries.exportCalls(this._db, callIds);
  }

  deleteExpired(cutoff: string, maxEvents: number): Promise<RetentionBatch> {
    return this._db.transaction(async (tx) => {
      // Whole calls go, with their events and report items: never half a chain.
      const candidates = await tx.all<{call_id: string; event_count: number}>(
        `SELECT call_id, event_count FROM calls WHERE last_received_at < ?
         ORDER BY last_received_at, call_id LIMIT ?${this._db.forUpdate}`,
        [cutoff, PAGE]
      );
      const ids: string[] = [];
      let events = 0;
      for (const c of candidates) {
        if (ids.length > 0 && events + Number(c.event_count) > maxEvents) break;
        ids.push(c.call_id);
        events += Number(c.event_count);
      }
      let deletedEvents = 0;
      if (ids.length > 0) {
        const list = marks(ids.length);
        // What the scored ones added to the QA rollups goes with them.
        const rollups = await contributionsOf(tx, ids);
        await rollups.write(tx);
        deletedEvents += await tx.run(`DELETE FROM events WHERE call_id IN (${list})`, ids);
        await tx.run(`DELETE FROM call_items WHERE call_id IN (${list})`, ids);
        await tx.run(`DELETE FROM call_reports WHERE call_id IN (${list})`, ids);
        await tx.run(`DELETE FROM calls WHERE call_id IN (${list})`, ids);
      }
      const room = maxEvents - deletedEvents;
      if (room > 0) {
        // The maintenance chain has no call row: its events go by the time they were received.
        deletedEvents += await tx.run(
          `DELETE FROM events WHERE event_id IN (
             SELECT event_id FROM events WHERE call_id = ? AND received_at < ? LIMIT ?)`,
          [MAINTENANCE_CALL_ID, cutoff, room]
        );
      }
      return {calls: ids.length, events: deletedEvents};
    });
  }

  async counts(): Promise<{events: number; calls: number}> {
    const [row] = await this._db.all<{events: number; calls: number}>(
      `SELECT (SELECT CAST(COUNT(*) AS INTEGER) FROM events) AS events,
         (SELECT CAST(COUNT(*) AS INTEGER) FROM calls) AS calls`
    );
    return {events: Number(row?.events ?? 0), calls: Number(row?.calls ?? 0)};
  }

  close(): Promise<void> {
    // Idempotent: the app's onClose hook and an error path may both close.
    this._closed ??= this._db.close();
    return this._closed;
  }
}
