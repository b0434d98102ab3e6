/**
 * The retention purge: removes ended calls older than `retention-days` (only once every event of theirs
 * is uploaded, when `sync-url` is set) and logs the purge in the maintenance chain, in the same
 * transaction, so the log says what was removed and when.
 */
import type {AgentAssistSettings} from '../config/parse-attributes.js';
import type {CallSession} from './call-session.js';

/** The pseudo-call whose chain logs maintenance (retention purges) rather than a customer call. */
export const MAINTENANCE_CALL_ID = 'log-maintenance';

/** Purges what the settings say has expired; resolves how many calls were removed. */
export async function purgeExpired(
  session: CallSession,
  settings: Pick<AgentAssistSettings, 'retentionDays' | 'syncUrl' | 'agentId'>,
  packVersion: string
): Promise<number> {
  const days = settings.retentionDays;
  if (days === null) return 0;
  const {db, storage} = await session.open();
  const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
  const expired = await storage.expiredCalls(db, cutoff, settings.syncUrl !== null);
  if (expired.length === 0) return 0;
  const ids = expired.map((c) => c.callId);
  let events = 0;
  await storage.appendEvent(
    db,
    {
      callId: MAINTENANCE_CALL_ID,
      agentId: settings.agentId,
      type: 'retention-purge',
      data: {days, cutoff, calls: ids.length, callIds: ids},
      packVersion,
      callStartMono: performance.timeOrigin + performance.now(),
    },
    {alsoWrite: async () => (events = await storage.deleteCalls(db, ids))}
  );
  console.info(
    `agent-assist: retention purge removed ${ids.length} calls (${events} events) ended before ${cutoff}`
  );
  return ids.length;
}
