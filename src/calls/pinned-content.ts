/**
 * Tamper evidence for what a call is scored against: the call-start (and every script-switch) event
 * carries the hash of the script and checklist items the call pinned, so the hash chain covers them. A
 * stored call record whose script, items (weights, critical, deadlines) or report were edited afterwards
 * no longer matches its log.
 */
import {jsonText} from '../internal/json-text.js';
import {sha256Hex} from '../internal/sha256.js';
import type {CallRecord} from '../model/call-log.js';
import {reportFromLog} from './report-from-log.js';
import type {ReplayEvent} from './moves-from-events.js';

/** The SHA-256 (hex) of a call's pinned script and items, as canonical JSON. */
export function pinHash(pinned: Pick<CallRecord, 'script' | 'items'>): Promise<string> {
  return sha256Hex(jsonText({script: pinned.script ?? null, items: pinned.items ?? []}, {canonical: true}));
}

/** What a stored call record says that its log does not back up, or null when it matches (or predates pins). */
export async function pinnedContentProblem(
  call: Pick<CallRecord, 'callId' | 'agentId' | 'startedAt' | 'script' | 'items' | 'report' | 'endedAt'>,
  events: readonly (ReplayEvent & {type: string})[]
): Promise<'pinned content' | 'report' | null> {
  // The latest pin: the call's start, or its last script switch.
  let logged: unknown;
  for (const e of events) if (e.type === 'call-start' || e.type === 'script-switch') logged = e.data.pinHash;
  if (typeof logged === 'string' && logged !== (await pinHash(call))) return 'pinned content';
  if (call.report && call.endedAt) {
    // The stored report must be what its log and (verified) pins score to.
    const recomputed = reportFromLog(
      {...call, items: call.items ?? [], script: call.script ?? null},
      events,
      call.endedAt
    );
    if (jsonText(recomputed, {canonical: true}) !== jsonText(call.report, {canonical: true})) return 'report';
  }
  return null;
}
