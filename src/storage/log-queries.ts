/**
 * What the QA view and the log API read from and write to the database: the ended calls with their
 * reports, exports, chain checks over every call, imports of team files, and the retention purge.
 * Reads page through indexes; nothing here holds a transaction open across non-IndexedDB work.
 */
import Dexie from 'dexie';
import type {IndexableType, Table} from 'dexie';
import {yieldToPage} from '../internal/yield-to-page.js';
import {reportFromLog} from '../calls/report-from-log.js';
import {prepareImport} from '../calls/prepare-import.js';
import type {PreparedImport} from '../calls/prepare-import.js';
import type {LogFile} from '../qa/log-file.js';
import type {CallRecord, ChainCheck, LogEvent, QaCall} from '../model/call-log.js';
import type {AssistDb} from './assist-db.js';
import {EPOCH_KEY} from './assist-db.js';
import {logLostError} from './storage-error.js';
import {callEvents, verifyChain} from './event-log.js';
import {pinnedContentProblem} from '../calls/pinned-content.js';
import {jsonText} from '../internal/json-text.js';
import {qaCallShape} from '../qa/qa-call-shape.js';

/** Rows read per request while listing: taking in one page is a short task, even for 50,000 calls. */
const LIST_PAGE = 200;

/**
 * Calls `fn` with every row of `table` in primary-key order, a page (one `getAll`) at a time with a
 * breath for the page in between: a cursor over tens of thousands of imported calls ran as tasks of
 * 100–250 ms.
 */
async function eachPaged<T, K extends IndexableType>(
  table: Table<T, K>,
  keyOf: (row: T) => K,
  fn: (row: T) => void
): Promise<void> {
  let last: K | null = null;
  for (;;) {
    const page: T[] = await (
      last === null ? table.limit(LIST_PAGE) : table.where(':id').above(last).limit(LIST_PAGE)
    ).toArray();
    for (const row of page) fn(row);
    if (page.length < LIST_PAGE) return;
    last = keyOf(page.at(-1)!);
    await yieldToPage();
  }
}

/** Ended calls of this browser and imported ones, as the QA view lists them. */
export async function listQaCalls(db: AssistDb): Promise<QaCall[]> {
  const out: QaCall[] = [];
  const listed = new Set<string>();
  await eachPaged(
    db.reports,
    (r) => r.callId,
    ({callId, ...qa}) => {
      listed.add(callId);
      out.push(qa);
    }
  );
  // Calls ended by a v1 build have no summary: score them from their log now.
  const ended = (await db.calls.where('status').equals('ended').primaryKeys()) as string[];
  for (const callId of ended.filter((id) => !listed.has(id))) {
    const call = (await db.calls.get(callId))!;
    const events = await callEvents(db, callId);
    out.push({
      source: 'local',
      report: reportFromLog(call, events, call.endedAt ?? call.startedAt),
      scriptTitle: call.script?.title ?? call.scriptId ?? '',
      ...(call.outcome !== undefined ? {outcome: call.outcome} : {}),
      eventCount: events.length,
      chain: await verifyChain(events),
    });
  }
  // Given their types on the way out: rows an earlier build imported were not checked against the schema.
  await eachPaged(
    db.imports,
    (r): [string, string] => [r.source, r.callId],
    ({callId: _callId, agentId: _agentId, startedAt: _startedAt, ...imp}) => {
      out.push(qaCallShape(imp));
    }
  );
  return out;
}

/** A call's events, whether logged here or imported. */
export async function qaCallEvents(db: AssistDb, source: string, callId: string): Promise<LogEvent[]> {
  if (source === 'local') return callEvents(db, callId);
  return (await db.importedEvents.get([source, callId]))?.events ?? [];
}

/**
 * The calls with any event logged in [since, until] (ISO times, both optional), with all their events
 * (so each exported chain is whole and verifies), and the events in the range alone (for CSV).
 */
export async function selectForExport(
  db: AssistDb,
  range: {since?: string; until?: string}
): Promise<{calls: CallRecord[]; events: LogEvent[]; inRange: LogEvent[]}> {
  const inRange = await db.events
    .where('clientTs')
    .between(range.since ?? Dexie.minKey, range.until ?? Dexie.maxKey, true, true)
    .toArray();
  const callIds = [...new Set(inRange.map((e) => e.callId))];
  const calls = (await db.calls.bulkGet(callIds)).filter((c): c is CallRecord => c !== undefined);
  const events: LogEvent[] = [];
  for (const id of callIds) events.push(...(await callEvents(db, id)));
  inRange.sort((a, b) => (a.callId === b.callId ? a.seq - b.seq : a.clientTs < b.clientTs ? -1 : 1));
  return {calls, events, inRange};
}

/** Checks the chain of one call, or of every call in the log; `brokenAt` names the first break. */
export async function verifyLogChains(db: AssistDb, callId?: string): Promise<ChainCheck> {
  const ids =
    callId !== undefined ? [callId] : ((await db.events.orderBy('callId').uniqueKeys()) as string[]);
  let checked = 0;
  for (const id of ids) {
    const events = await callEvents(db, id);
    const result = await verifyChain(events);
    checked += result.checked;
    if (!result.ok)
      return {
        ok: false,
        checked,
        brokenAt: result.brokenAt!.startsWith('seq') ? `${id} ${result.brokenAt}` : result.brokenAt!,
      };
    // The chain holds: the call record's pinned content and report must match what it covers.
    const call = await db.calls.get(id);
    const problem = call ? await pinnedContentProblem(call, events) : null;
    const summary = call?.report ? await db.reports.get(id) : undefined;
    const summaryEdited =
      summary !== undefined &&
      jsonText(summary.report, {canonical: true}) !== jsonText(call!.report, {canonical: true});
    if (problem || summaryEdited) return {ok: false, checked, brokenAt: `${id} ${problem ?? 'report'}`};
  }
  return {ok: true, checked};
}

/** What an import did, per file. */
export interface ImportResult {
  source: string;
  calls: number;
  events: number;
  /** Calls whose chain does not verify (kept, and flagged in the QA view). */
  broken: string[];
}

/** Rows put per request while importing: each batch's answer is its own task, so the page stays responsive. */
const IMPORT_BATCH = 200;

/**
 * Writes a prepared file (src/calls/prepare-import.ts) in one transaction: the file's earlier rows are
 * removed and the new ones written together, so a failure (quota, a closed database) leaves the earlier
 * import as it was, and nothing of another file is touched (every row is keyed by the file's name).
 * The rows go in batches awaited one after another inside the transaction: the transaction stays open
 * (each batch is an IndexedDB request) while the page handles input between batches. With `epoch`, the
 * write is refused (`log-lost`) when the database is not the one the page opened.
 */
export async function writeImport(
  db: AssistDb,
  prepared: PreparedImport,
  options: {epoch?: string} = {}
): Promise<ImportResult> {
  const {source} = prepared;
  const lower = [source, Dexie.minKey] as const;
  const upper = [source, Dexie.maxKey] as const;
  await db.transaction('rw', [db.imports, db.importedEvents, db.importScripts, db.meta], async () => {
    // Written from the import worker, which opens the database by name: never into one recreated since.
    if (options.epoch !== undefined && (await db.meta.get(EPOCH_KEY))?.value !== options.epoch)
      throw logLostError();
    await db.imports.where('[source+callId]').between(lower, upper).delete();
    await db.importedEvents.where('[source+callId]').between(lower, upper).delete();
    await db.importScripts.where('[source+key]').between(lower, upper).delete();
    await db.importScripts.bulkPut(prepared.scripts);
    for (let i = 0; i < prepared.calls.length; i += IMPORT_BATCH) {
      await db.imports.bulkPut(prepared.calls.slice(i, i + IMPORT_BATCH));
      await db.importedEvents.bulkPut(prepared.logs.slice(i, i + IMPORT_BATCH));
    }
  });
  return {source, calls: prepared.calls.length, events: prepared.events, broken: prepared.broken};
}

/**
 * Imports a parsed team file: prepares its rows (chains verified, reports recomputed) and writes them
 * all or nothing, replacing an earlier import of the same file.
 */
export async function importLogFile(db: AssistDb, fileName: string, file: LogFile): Promise<ImportResult> {
  return writeImport(db, await prepareImport(file, fileName));
}

/** Removes every imported file from the QA view. */
export async function clearImports(db: AssistDb): Promise<void> {
  await db.transaction('rw', db.imports, db.importedEvents, db.importScripts, async () => {
    await db.imports.clear();
    await db.importedEvents.clear();
    await db.importScripts.clear();
  });
}

/**
 * The ended calls a retention purge removes: ended before `cutoff` (ISO) and, when uploads are
 * configured, with every event acknowledged by the server.
 */
export async function expiredCalls(
  db: AssistDb,
  cutoff: string,
  requireSynced: boolean
): Promise<CallRecord[]> {
  const old = await db.calls.where('endedAt').below(cutoff).toArray();
  if (!requireSynced) return old;
  const out: CallRecord[] = [];
  for (const call of old) {
    const unsynced = await db.events
      .where('callId')
      .equals(call.callId)
      // Waiting or refused (dead letters): not in the receiver's hands, so kept.
      .filter((e) => e.synced !== 1)
      .count();
    if (unsynced === 0) out.push(call);
  }
  return out;
}

/** Deletes the given calls and their events; to run inside the transaction that logs the purge. */
export async function deleteCalls(db: AssistDb, callIds: readonly string[]): Promise<number> {
  let events = 0;
  for (const id of callIds) events += await db.events.where('callId').equals(id).delete();
  await db.calls.bulkDelete([...callIds]);
  await db.reports.bulkDelete([...callIds]);
  return events;
}

/** The call records and events behind QA entries (local or imported), for an export of what is shown. */
export async function recordsForQaCalls(
  db: AssistDb,
  calls: readonly Pick<QaCall, 'source' | 'report'>[]
): Promise<{calls: CallRecord[]; events: LogEvent[]}> {
  const records: CallRecord[] = [];
  const events: LogEvent[] = [];
  for (const c of calls) {
    if (c.source === 'local') {
      const record = await db.calls.get(c.report.callId);
      if (!record) continue;
      records.push(record);
      events.push(...(await callEvents(db, record.callId)));
    } else {
      const log = await db.importedEvents.get([c.source, c.report.callId]);
      if (!log) continue;
      // Put the script back (the file's own), so a re-exported call can be re-scored.
      const version = c.report.scriptVersion;
      const key = log.scriptKey ?? (version ? `version:${version}` : null);
      const script = key === null ? null : ((await db.importScripts.get([c.source, key]))?.script ?? null);
      records.push({...log.call, script});
      events.push(...log.events);
    }
  }
  return {calls: records, events};
}
