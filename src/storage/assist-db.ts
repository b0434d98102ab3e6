/**
 * The widget's IndexedDB database (Dexie): every schema version in one place, ascending. Once a version
 * has shipped it is never edited; changes go in a new version with an upgrade and an upgrade test.
 */
import Dexie from 'dexie';
import type {DexieOptions, Table} from 'dexie';
import type {PackScript} from '../content/pack-types.js';
import type {
  CallRecord,
  CallSummary,
  DeadLetter,
  ImportedCall,
  ImportedLog,
  LogEvent,
} from '../model/call-log.js';

/** Small named values: the database's epoch (random, written at creation) and settings. */
export interface MetaRow {
  key: string;
  value: unknown;
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
  declare deadLetters: Table<DeadLetter, string>;

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
    // v3: the upload queue read oldest first ([synced+clientTs]), and the events the receiver refused for
    // good (dead letters). Events keep their fields; nothing to transform.
    this.version(3).stores({
      events: '&eventId, &[callId+seq], callId, synced, clientTs, [synced+clientTs]',
      deadLetters: '&eventId, callId',
    });
    this.on('populate', (tx) => {
      void tx.table<MetaRow, string>('meta').add({key: EPOCH_KEY, value: crypto.randomUUID()});
    });
  }
}
