/**
 * The widget's IndexedDB database (Dexie): every schema version in one place, ascending. Once a version
 * has shipped it is never edited; changes go in a new version with an upgrade and an upgrade test.
 */
import Dexie from 'dexie';
import type {Table} from 'dexie';
import type {PackScript} from '../content/pack-types.js';

/** A call session. `script` pins the script's content for the whole call, whatever the pack does. */
export interface CallRecord {
  callId: string;
  agentId: string;
  status: 'active' | 'ended';
  /** Wall-clock start (ISO), advisory. */
  startedAt: string;
  /** Monotonic start: `performance.timeOrigin + performance.now()` in the tab that started the call. */
  startedMono: number;
  endedAt?: string;
  packHash: string;
  scriptId: string | null;
  script: PackScript | null;
}

/** One thing that happened, append-only, hash-chained per call. Never holds customer data. */
export interface LogEvent {
  eventId: string;
  callId: string;
  agentId: string;
  /** 1, 2, 3… per call, without gaps. */
  seq: number;
  type: string;
  /** Event-specific details (ids, reasons), never the host's context. */
  data: Record<string, unknown>;
  clientTs: string;
  clientMono: number;
  /** Seconds since the call started (monotonic). */
  offset: number;
  packVersion: string;
  prevHash: string;
  hash: string;
  /** 0 until an upload is acknowledged (indexed: the outbox is this table). */
  synced: 0 | 1;
}

/** The database; tests pass their own name, the widget uses the default. */
export class AssistDb extends Dexie {
  declare calls: Table<CallRecord, string>;
  declare events: Table<LogEvent, string>;

  constructor(name = 'agent-assist') {
    super(name);
    // v1: calls (synced: no, local state) and the event log (synced when sync-url is set).
    this.version(1).stores({
      calls: '&callId, status, agentId, startedAt',
      events: '&eventId, &[callId+seq], callId, synced, clientTs',
    });
  }
}
