/**
 * Turns a checked log file into the rows an import writes, without writing anything: each call's events
 * are verified against their chain and pinned content, its report recomputed from them (a report edited
 * in the file does not count), and each script kept once per content hash. Pure apart from Web Crypto,
 * so it runs in the import worker as well as on the page; the storage layer then writes the rows in one
 * transaction.
 */
import {jsonText} from '../internal/json-text.js';
import {sha256Hex} from '../internal/sha256.js';
import type {ImportedCall, ImportedLog, ImportedScript, LogEvent} from '../model/call-log.js';
import type {LogFile} from '../qa/log-file.js';
import {LogFileError} from '../qa/log-file.js';
import {verifyChain} from './event-chain.js';
import {pinnedContentProblem} from './pinned-content.js';
import {reportFromLog} from './report-from-log.js';

/** Everything one file's import writes, and what to tell the QA lead. */
export interface PreparedImport {
  /** The file's name in the QA view (never `local`, which names this browser's own log). */
  source: string;
  calls: ImportedCall[];
  logs: ImportedLog[];
  scripts: ImportedScript[];
  /** Events imported (those of the file's calls; events of calls it does not list are left out). */
  events: number;
  /** Calls whose chain or pinned content does not verify (kept, and flagged in the QA view). */
  broken: string[];
}

/** The QA view's name for a file: "local" names this browser's own log, so a file never takes it. */
export function importSource(fileName: string): string {
  return fileName === 'local' ? 'local (imported)' : fileName;
}

/**
 * Prepares the rows of `file` (already checked by `parseLogFile`). Throws a LogFileError naming the call
 * when one cannot be scored (nothing the schema lets in should get there).
 */
export async function prepareImport(file: LogFile, fileName: string): Promise<PreparedImport> {
  const source = importSource(fileName);
  const byCall = new Map<string, LogEvent[]>();
  for (const call of file.calls) byCall.set(call.callId, []);
  for (const e of file.events) byCall.get(e.callId)?.push({...e, synced: 1});
  const scripts = new Map<string, ImportedScript>();
  const out: PreparedImport = {source, calls: [], logs: [], scripts: [], events: 0, broken: []};
  for (const [i, call] of file.calls.entries()) {
    const events = byCall.get(call.callId)!.sort((a, b) => a.seq - b.seq);
    out.events += events.length;
    let chain = await verifyChain(events);
    // The chain holds: the file's pinned script and items must be the ones it covers (they are re-scored).
    const problem = chain.ok ? await pinnedContentProblem({...call, report: undefined}, events) : null;
    if (problem) chain = {ok: false, checked: chain.checked, brokenAt: `${call.callId} ${problem}`};
    if (!chain.ok) out.broken.push(call.callId);
    const endedAt = call.endedAt ?? events.at(-1)?.clientTs ?? call.startedAt;
    const script = call.script ?? null;
    let report;
    try {
      report = reportFromLog({...call, items: call.items ?? [], script}, events, endedAt);
    } catch (err) {
      throw new LogFileError(fileName, `calls[${i}]`, `cannot be scored (${(err as Error).message})`);
    }
    const log: ImportedLog = {source, callId: call.callId, call: {...call, script: null}, events};
    if (script) {
      // By content, not version: another file (or call) with the same version and other steps keeps its own.
      const key = await sha256Hex(jsonText(script, {canonical: true}));
      if (!scripts.has(key)) scripts.set(key, {source, key, script});
      log.scriptKey = key;
    }
    out.calls.push({
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
    out.logs.push(log);
  }
  out.scripts = [...scripts.values()];
  return out;
}
