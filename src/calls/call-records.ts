/**
 * The records a call writes as it starts and ends (pure): the call record that pins its script and
 * items, and, at the end, the record's final fields with the summary row the QA view lists. Also how
 * host context is merged (display only, never logged), and how long a resumed call has been running.
 */
import type {ContentPack, PackScript} from '../content/pack-types.js';
import type {CallRecord, CallSummary, ChainCheck, LogEvent} from '../model/call-log.js';
import type {AdherenceReport} from '../model/report.js';
import {callItemsFor} from './call-items.js';

/** A new call's record: `script` (or null for the agent to pick) and its checklist items pinned. */
export function newCallRecord(input: {
  callId: string;
  agentId: string;
  script: PackScript | null;
  pack: ContentPack;
  startedAt: string;
  startedMono: number;
}): CallRecord {
  return {
    callId: input.callId,
    agentId: input.agentId,
    status: 'active',
    startedAt: input.startedAt,
    startedMono: input.startedMono,
    packHash: input.pack.manifest.contentHash,
    scriptId: input.script?.id ?? null,
    script: input.script,
    items: callItemsFor(input.script, input.pack.checklists),
  };
}

/**
 * What ending `call` writes with its call-end event: the record's final fields and the QA summary row.
 * `stored` is the chain check of the events already stored (the call-end event adds one).
 */
export function endedCallRecords(
  call: CallRecord,
  report: AdherenceReport,
  stored: ChainCheck & {count: number},
  outcome: string | undefined
): {update: Partial<CallRecord>; summary: CallSummary} {
  const eventCount = stored.count + 1;
  const chain: ChainCheck = stored.ok
    ? {ok: true, checked: stored.checked + 1}
    : {
        ok: false,
        checked: stored.checked,
        ...(stored.brokenAt !== undefined ? {brokenAt: stored.brokenAt} : {}),
      };
  const update: Partial<CallRecord> = {status: 'ended', endedAt: report.endedAt, report, eventCount, chain};
  if (outcome !== undefined) update.outcome = outcome;
  const summary: CallSummary = {
    callId: call.callId,
    source: 'local',
    report,
    scriptTitle: call.script?.title ?? call.scriptId ?? '',
    ...(outcome !== undefined ? {outcome} : {}),
    eventCount,
    chain,
  };
  return {update, summary};
}

/**
 * Merges host context: top-level keys merged one level deep, so `{customer: {name}}` keeps
 * `customer.account` from before.
 */
export function mergeContext(
  current: Readonly<Record<string, unknown>>,
  added: Readonly<Record<string, unknown>>
): Record<string, unknown> {
  const next = {...current};
  for (const [key, value] of Object.entries(added)) {
    const old = next[key];
    next[key] =
      value && typeof value === 'object' && !Array.isArray(value) && old && typeof old === 'object'
        ? {...(old as object), ...(value as object)}
        : value;
  }
  return next;
}

/** The longest time a page may have been closed mid-call for the wall clock to be trusted (12 h). */
export const MAX_RESUME_GAP_S = 12 * 3600;

/**
 * Seconds a resumed call has been running: the monotonic clock restarts with the page, so offsets go on
 * from the last logged one plus the wall-clock time since it was logged (the time the page was closed
 * still counts towards deadlines). The wall clock is trusted for that gap only, and a negative or
 * implausible gap (the clock was changed) counts as none.
 */
export function resumedElapsed(
  last: Pick<LogEvent, 'offset' | 'clientTs'> | undefined,
  nowMs: number
): number {
  if (!last) return 0;
  const gap = (nowMs - Date.parse(last.clientTs)) / 1000;
  return last.offset + (gap > 0 && gap < MAX_RESUME_GAP_S ? gap : 0);
}
