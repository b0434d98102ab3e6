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
  ImportedScript,
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
  declare importScripts: Table<ImportedScript, [string, string]>;
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
    // v4: imported scripts kept per file and content hash (`importScripts`, [source+key]): keyed by version
    // alone, a second file with the same version and other steps rewrote what the first file's calls
    // exported. Scripts imported before are copied for every file whose calls name their version, under
    // the key `version:<version>`, so those calls keep what they showed.
    this.version(4)
      .stores({importScripts: '&[source+key]'})
      .upgrade(async (tx) => {
        const old = tx.table<PackScript, string>('importedScripts');
        const pairs = new Map<string, {source: string; version: string}>();
        await tx.table<ImportedCall, [string, string]>('imports').each((row) => {
          const version = row.report?.scriptVersion;
          if (typeof version === 'string')
            pairs.set(`${row.source}\n${version}`, {source: row.source, version});
        });
        const rows: ImportedScript[] = [];
        for (const {source, version} of pairs.values()) {
          const script = await old.get(version);
          if (script) rows.push({source, key: `version:${version}`, script});
        }
        await tx.table<ImportedScript, [string, string]>('importScripts').bulkPut(rows);
      });
    // v5: the version-keyed table goes (its rows were copied per file in v4).
    this.version(5).stores({importedScripts: null});
    this.on('populate', (tx) => {
      void tx.table<MetaRow, string>('meta').add({key: EPOCH_KEY, value: crypto.randomUUID()});
    });
  }
}
