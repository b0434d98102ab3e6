/**
 * The knowledge signals stored among the events (feedback, search sessions, articles opened), for the
 * knowledge-health report: read from each event's stored body, the same event the agent's export holds,
 * so the collector's report is the command's. Team-scoped by the agent's team (signals logged between
 * calls have no call row).
 */
import {KNOWLEDGE_EVENT_TYPES} from '../../health/knowledge-events.js';
import type {SignalEvent} from '../../health/knowledge-events.js';
import type {SqlExecutor, SqlValue} from './sql-driver.js';

export interface KnowledgeEventFilter {
  /** Inclusive (ISO, by the agent's clock). */
  from?: string;
  /** Exclusive (ISO). */
  to?: string;
  /** Only agents of this team. */
  team?: string;
}

/** The knowledge events in the filter, oldest first. */
export async function knowledgeEvents(db: SqlExecutor, filter: KnowledgeEventFilter): Promise<SignalEvent[]> {
  const where = [`e.type IN (${KNOWLEDGE_EVENT_TYPES.map(() => '?').join(', ')})`];
  const params: SqlValue[] = [...KNOWLEDGE_EVENT_TYPES];
  if (filter.from !== undefined) {
    where.push('e.client_ts >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    where.push('e.client_ts < ?');
    params.push(filter.to);
  }
  let join = '';
  if (filter.team !== undefined) {
    join = 'JOIN agents a ON a.agent_id = e.agent_id';
    where.push('a.team = ?');
    params.push(filter.team);
  }
  const rows = await db.all<{body: string}>(
    `SELECT e.body FROM events e ${join} WHERE ${where.join(' AND ')} ORDER BY e.client_ts, e.event_id`,
    params
  );
  return rows.map((r) => {
    const e = JSON.parse(r.body) as SignalEvent;
    return {type: e.type, agentId: e.agentId, clientTs: e.clientTs, data: e.data};
  });
}
