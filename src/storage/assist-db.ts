/**
 * The widget's IndexedDB database (Dexie): every schema version in one place, ascending. Once a version
 * has shipped it is never edited; changes go in a new version with an upgrade and an upgrade test.
 */
import Dexie from 'dexie';
import type {DexieOptions, Table} from 'dexie';
import type {CallItem} from '../calls/call-items.js';
import type {PackScript} from '../content/pack-types.js';
import type {AdherenceReport} from '../events/aa-event.js';
import type {QaCall, QaChainCheck} from '../qa/qa-types.js';

/** A call session. `script` and `items` pin the call's content for the whole call, whatever the pack does. */
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
  /** The checklist items of the call (v2; calls logged by v1 have none). */
  items: CallItem[];
  /** Set when the call ends (v2). */
  report?: AdherenceReport;
  outcome?: string;
  eventCount?: number;
  /** The chain check made when the call ended (v2). */
  chain?: QaChainCheck;
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

/** Small named values: the database's epoch (random, written at creation) and settings. */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * A call from an imported log file (QA review of a team), kept apart from this browser's own log: what
 * the QA list needs. Its events (and pinned call record) are in `importedEvents`, its script once per
 * version in `importedScripts`, so listing thousands of calls reads reports, not logs.
 */
export interface ImportedCall {
  /** The imported file's name. */
  source: string;
  callId: string;
  agentId: string;
  startedAt: string;
  scriptTitle: string;
  outcome?: string;
  report: AdherenceReport;
  eventCount: number;
  chain: QaChainCheck;
}

/** An imported call's log: its record (script left out, see `importedScripts`) and events. */
export interface ImportedLog {
  source: string;
  callId: string;
  call: CallRecord;
  events: LogEvent[];
}

/**
 * An ended local call as the QA view lists it, written with the call's last event: listing thousands of
 * calls reads these, not the call records (each of which pins a whole script).
 */
export interface CallSummary extends QaCall {
  callId: string;
}

/** The meta key of the database's epoch. */
export const EPOCH_KEY = 'epoch';

/** The database; tests pass their own name, the widget uses the default. */
export class AssistDb extends Dexie {
  declare calls: Table<CallRecord, string>;
  declare events: Table<LogEvent, string>;
  declare meta: Table<MetaRow, string>;
  declare reports: Table<CallSummary, string>;
  declare imports: Table<ImportedCall, [string, string]>;
  declare importedEvents: Table<ImportedLog, [string, string]>;
  declare importedScripts: Table<PackScript, string>;

  /** `options` can point Dexie at another IndexedDB implementation (the in-memory fallback). */
  constructor(name = 'agent-assist', options?: DexieOptions) {
    super(name, options);
    // v1: calls (local state) and the event log (synced when sync-url is set).
    this.version(1).stores({
      calls: '&callId, status, agentId, startedAt',
      events: '&eventId, &[callId+seq], callId, synced, clientTs',
    });
    // v2: checklist items pinned per call, the report stored at call end with a summary row for the QA
    // view, an epoch row that tells a wiped-and-recreated database from ours, imported team logs.
    this.version(2)
      .stores({
        calls: '&callId, status, agentId, startedAt, endedAt',
        meta: '&key',
        reports: '&callId',
        imports: '&[source+callId], agentId, startedAt',
        importedEvents: '&[source+callId]',
        importedScripts: '&version',
      })
      .upgrade(async (tx) => {
        await tx
          .table<CallRecord, string>('calls')
          .toCollection()
          .modify((c) => {
            c.items ??= [];
          });
        await tx.table<MetaRow, string>('meta').put({key: EPOCH_KEY, value: crypto.randomUUID()});
      });
    this.on('populate', (tx) => {
      void tx.table<MetaRow, string>('meta').add({key: EPOCH_KEY, value: crypto.randomUUID()});
    });
  }
}
