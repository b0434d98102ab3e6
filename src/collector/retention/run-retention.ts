/**
 * Retention: deletes calls (whole, with their events and report items) and maintenance events last
 * received more than COLLECTOR_RETENTION_DAYS ago, in batches of about {@link RETENTION_BATCH_EVENTS}
 * events per transaction so a large purge never holds long locks; every batch is logged. Runs at start and
 * daily. Several collectors may run it at once: each batch deletes whatever is still there.
 */
import type {CollectorStore} from '../store/collector-store.js';

/** Events deleted per transaction (a call is never split, so one batch may hold a little more). */
export const RETENTION_BATCH_EVENTS = 5000;
const DAY_MS = 86_400_000;

/** The logging retention needs (Fastify's pino logger fits). */
export interface RetentionLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Deletes everything older than `days` before `now`; resolves the totals. */
export async function runRetention(
  store: CollectorStore,
  days: number,
  now: Date,
  log: RetentionLog,
  batchEvents = RETENTION_BATCH_EVENTS
): Promise<{calls: number; events: number}> {
  const cutoff = new Date(now.getTime() - days * DAY_MS).toISOString();
  const total = {calls: 0, events: 0};
  for (;;) {
    const batch = await store.deleteExpired(cutoff, batchEvents);
    if (batch.calls === 0 && batch.events === 0) break;
    total.calls += batch.calls;
    total.events += batch.events;
    log.info({cutoff, calls: batch.calls, events: batch.events}, 'retention: deleted a batch');
  }
  log.info({cutoff, days, ...total}, 'retention: done');
  return total;
}

/** Runs retention now and then every day; resolves nothing, returns a function that stops it. */
export function scheduleRetention(
  store: CollectorStore,
  days: number,
  clock: () => Date,
  log: RetentionLog
): () => void {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running
      .then(() => runRetention(store, days, clock(), log))
      .catch((err: unknown) => log.error({err}, 'retention failed; it runs again tomorrow'));
  };
  run();
  const timer = setInterval(run, DAY_MS);
  // The daily timer alone never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
