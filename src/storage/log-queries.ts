/**
 * What the QA view and the log API read from and write to the database: the ended calls with their
 * reports, exports, chain checks over every call, imports of team files, and the retention purge.
 * Reads page through indexes; nothing here holds a transaction open across non-IndexedDB work.
 */
import Dexie from 'dexie';
import {reportFromLog} from '../calls/report-from-log.js';
import type {LogFile} from '../qa/log-file.js';
import type {CallRecord, ChainCheck, ImportedCall, ImportedLog, LogEvent, QaCall} from '../model/call-log.js';
import type {AssistDb} from './assist-db.js';
import {callEvents, verifyChain} from './event-log.js';
import {yieldToPage} from './yield-to-page.js';
import {pinnedContentProblem} from '../calls/pinned-content.js';
import {jsonText} from '../internal/json-text.js';

/** Ended calls of this browser and imported ones, as the QA view lists them. */
export async function listQaCalls(db: AssistDb): Promise<QaCall[]> {
  const out: QaCall[] = [];
  const listed = new Set<string>();
  await db.reports.each(({callId, ...qa}) => {
    listed.add(callId);
    out.push(qa);
  });
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
  await db.imports.each((imp) => {
    out.push({
      source: imp.source,
      report: imp.report,
      scriptTitle: imp.scriptTitle,
      ...(imp.outcome !== undefined ? {outcome: imp.outcome} : {}),
      eventCount: imp.eventCount,
      chain: imp.chain,
    });
  });
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

/** Calls written per transaction while importing: big enough to be quick, small enough not to freeze the page. */
const IMPORT_BATCH = 100;

/**
 * Imports a parsed team file: each call's events are checked against their chain and its report is
 * recomputed from them (a report edited in the file does not count). Re-importing a file replaces it.
 * Large files yield to the page between calls and write in batches, so the QA view stays responsive.
 */
export async function importLogFile(db: AssistDb, source: string, file: LogFile): Promise<ImportResult> {
  const byCall = new Map<string, LogEvent[]>();
  for (const e of file.events) {
    const list = byCall.get(e.callId) ?? [];
    list.push({...e, synced: 1});
    byCall.set(e.callId, list);
  }
  const range = [
    [source, Dexie.minKey],
    [source, Dexie.maxKey],
  ] as const;
  await db.transaction('rw', db.imports, db.importedEvents, async () => {
    await db.imports.where('[source+callId]').between(range[0], range[1]).delete();
    await db.importedEvents.where('[source+callId]').between(range[0], range[1]).delete();
  });
  const scripts = new Map<string, NonNullable<CallRecord['script']>>();
  const broken: string[] = [];
  let rows: ImportedCall[] = [];
  let logs: ImportedLog[] = [];
  const flush = async () => {
    const [r, l] = [rows, logs];
    [rows, logs] = [[], []];
    if (r.length > 0) {
      await db.transaction('rw', db.imports, db.importedEvents, async () => {
        await db.imports.bulkPut(r);
        await db.importedEvents.bulkPut(l);
      });
    }
  };
  for (const call of file.calls) {
    await yieldToPage();
    const events = (byCall.get(call.callId) ?? []).sort((a, b) => a.seq - b.seq);
    let chain = await verifyChain(events);
    // The chain holds: the file's pinned script and items must be the ones it covers (they are re-scored).
    const problem = chain.ok ? await pinnedContentProblem({...call, report: undefined}, events) : null;
    if (problem) chain = {ok: false, checked: chain.checked, brokenAt: `${call.callId} ${problem}`};
    if (!chain.ok) broken.push(call.callId);
    const endedAt = call.endedAt ?? events.at(-1)?.clientTs ?? call.startedAt;
    const script = call.script ?? null;
    const report = reportFromLog({...call, items: call.items ?? [], script}, events, endedAt);
    if (script) scripts.set(script.version, script);
    rows.push({
      source,
      callId: call.callId,
      agentId: call.agentId,
      startedAt: call.startedAt,
      scriptTitle: script?.title ?? call.scriptId ?? '',
      ...(call.outcome !== undefined ? {outcome: call.outcome} : {}),
      report,
      eventCount: events.length,
      chain,
    });
    logs.push({source, callId: call.callId, call: {...call, script: null}, events});
    if (rows.length >= IMPORT_BATCH) await flush();
  }
  await flush();
  await db.importedScripts.bulkPut([...scripts.values()]);
  return {source, calls: file.calls.length, events: file.events.length, broken};
}

/** Removes every imported file from the QA view. */
export async function clearImports(db: AssistDb): Promise<void> {
  await db.transaction('rw', db.imports, db.importedEvents, db.importedScripts, async () => {
    await db.imports.clear();
    await db.importedEvents.clear();
    await db.importedScripts.clear();
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
      // Put the script back, so a re-exported call can be re-scored.
      const version = c.report.scriptVersion;
      const script = version ? ((await db.importedScripts.get(version)) ?? null) : null;
      records.push({...log.call, script});
      events.push(...log.events);
    }
  }
  return {calls: records, events};
}
