/**
 * The append-only event log: one record per thing that happened, chained per call with SHA-256 (each
 * record holds the previous record's hash and the hash of its own canonical content, RFC 8785). An
 * append resolves only after its IndexedDB transaction committed: the UI shows a move as done only then.
 */
import Dexie from 'dexie';
import {GENESIS_HASH, hashEvent} from '../calls/event-chain.js';
import {EPOCH_KEY} from './assist-db.js';
import type {LogEvent} from '../model/call-log.js';
import type {AssistDb} from './assist-db.js';
import {logLostError, toStorageError} from './storage-error.js';

/** What a caller supplies; the log adds id, sequence, times and hashes. */
export interface NewEvent {
  callId: string;
  agentId: string;
  type: string;
  data?: Record<string, unknown>;
  packVersion: string;
  /** Monotonic start of the call, to compute `offset`. */
  callStartMono: number;
}

/** How an append is written. */
export interface AppendOptions {
  /**
   * The database epoch this session opened: checked inside the write transaction, so an append into a
   * database that was deleted and recreated underneath fails with `log-lost` instead of starting a new chain.
   */
  epoch?: string;
  /** Other writes of the same action (the call record), in the same transaction: all or nothing. */
  alsoWrite?: () => Promise<unknown>;
  /**
   * The call's last event as the caller knows it (null: none yet), saving the read of the chain's end.
   * A stale hint is harmless: its sequence number is taken, the unique index refuses the write, and the
   * retry reads the real end.
   */
  prev?: Pick<LogEvent, 'seq' | 'hash'> | null;
}

/** Appends are serialized per database and call: each needs the previous event's hash. */
const queues = new WeakMap<AssistDb, Map<string, Promise<unknown>>>();

function monotonicNow(): number {
  return performance.timeOrigin + performance.now();
}

async function appendOnce(
  db: AssistDb,
  input: NewEvent,
  options: AppendOptions,
  eventId: string,
  attempt: number
): Promise<LogEvent> {
  // A retry first looks for its own event: the failed attempt may have committed before the error
  // reached us (a connection lost after the commit). Found, the action is done: never log it twice.
  if (attempt > 1) {
    const stored = await db.events.get(eventId);
    if (stored) return stored;
  }
  const useHint = attempt === 1;
  const last =
    useHint && options.prev !== undefined
      ? options.prev
      : await db.events
          .where('[callId+seq]')
          .between([input.callId, Dexie.minKey], [input.callId, Dexie.maxKey])
          .last();
  const mono = monotonicNow();
  const content: Omit<LogEvent, 'hash' | 'synced'> = {
    eventId,
    callId: input.callId,
    agentId: input.agentId,
    seq: (last?.seq ?? 0) + 1,
    type: input.type,
    data: input.data ?? {},
    clientTs: new Date().toISOString(),
    clientMono: mono,
    offset: Math.round(mono - input.callStartMono) / 1000,
    packVersion: input.packVersion,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  // Hashing is async Web Crypto: done before the write transaction, never inside it (PrematureCommitError).
  const event: LogEvent = {...content, hash: await hashEvent(content), synced: 0};
  // One transaction per action: the event, the epoch check and the action's other writes commit together.
  await db.transaction('rw', [db.events, db.calls, db.meta, db.reports], async () => {
    if (options.epoch !== undefined && (await db.meta.get(EPOCH_KEY))?.value !== options.epoch)
      throw logLostError();
    await db.events.add(event);
    if (options.alsoWrite) await options.alsoWrite();
  });
  return event;
}

/** Attempts before giving up when other connections keep taking the next sequence number. */
const MAX_APPEND_ATTEMPTS = 10;

/** A failure that means the connection died (WebKit "server lost", a closed database), maybe after the commit. */
function isConnectionLost(err: unknown): boolean {
  const e = err as {name?: string; inner?: {name?: string}} | null;
  const names = ['DatabaseClosedError', 'UnknownError', 'InvalidStateError'];
  return names.includes(e?.name ?? '') || names.includes(e?.inner?.name ?? '');
}

async function appendWithRetry(db: AssistDb, input: NewEvent, options: AppendOptions): Promise<LogEvent> {
  let reopened = false;
  // One id per action, kept by every attempt: how a retry recognises its own committed event.
  const eventId = crypto.randomUUID();
  for (let attempt = 1; ; attempt++) {
    try {
      // The caller's hint is trusted on the first attempt only.
      return await appendOnce(db, input, options, eventId, attempt);
    } catch (err) {
      const name = (err as Error).name;
      // Another tab wrote this call's next event first (the unique [callId+seq] index refused ours):
      // re-read the chain and try again on top of it.
      if (name === 'ConstraintError' && attempt < MAX_APPEND_ATTEMPTS) continue;
      // A connection that died under us (WebKit "server lost", a closed database) is discarded and
      // reopened once; the epoch check then tells a reopened database from a recreated one.
      if (isConnectionLost(err) && !reopened) {
        reopened = true;
        db.close();
        await db.open().catch(() => undefined);
        continue;
      }
      throw toStorageError(err);
    }
  }
}

/**
 * Appends one event and resolves once it is committed; rejects with a `StorageError` (`storage-full`,
 * `log-lost`, `storage-failed`) when it is not. Appends to one call are queued per connection; a sequence
 * number taken meanwhile by another connection (another tab) is detected and retried.
 */
export function appendEvent(db: AssistDb, input: NewEvent, options: AppendOptions = {}): Promise<LogEvent> {
  let perCall = queues.get(db);
  if (!perCall) queues.set(db, (perCall = new Map()));
  const previous = perCall.get(input.callId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => appendWithRetry(db, input, options));
  perCall.set(input.callId, next);
  return next;
}

/** A call's events after sequence number `seq`, in order (what another tab has written since). */
export function callEventsAfter(db: AssistDb, callId: string, seq: number): Promise<LogEvent[]> {
  return db.events
    .where('[callId+seq]')
    .between([callId, seq + 1], [callId, Dexie.maxKey])
    .toArray();
}

/** A call's events in sequence order. */
export function callEvents(db: AssistDb, callId: string): Promise<LogEvent[]> {
  return db.events.where('[callId+seq]').between([callId, Dexie.minKey], [callId, Dexie.maxKey]).toArray();
}

// The chain itself is pure (src/calls/event-chain.ts): the import worker checks files with it too.
export {GENESIS_HASH, hashEvent, verifyChain} from '../calls/event-chain.js';
