/**
 * An ended call's adherence report, as the collector stores it for QA: recomputed from the call's events
 * and its pinned content with the widget's own `reportFromLog` (so the collector scores exactly as the
 * widget does), or, when the pinned content is unknown here, the report the call-end event carries.
 */
import {reportFromLog} from '../../calls/report-from-log.js';
import type {PackScript} from '../../content/pack-types.js';
import type {CallItem, LogEvent} from '../../model/call-log.js';
import type {AdherenceReport} from '../../model/report.js';

/** Pinned content as stored in the `pins` table. */
export interface PinnedContent {
  script: PackScript | null;
  items: CallItem[];
}

/** A call's report and where it came from. */
export interface CallSummary {
  report: AdherenceReport;
  /** `log`: recomputed from events and pin; `event`: carried by the call-end event. */
  source: 'log' | 'event';
}

const STATUSES = new Set(['done', 'late', 'skipped', 'missed', 'n/a']);
const CATEGORIES = new Set(['etiquette', 'knowledge', 'procedure']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether `value` has the shape of an {@link AdherenceReport} (so aggregates can rely on it). */
export function isReport(value: unknown): value is AdherenceReport {
  if (!isObject(value)) return false;
  const {score, criticalFailed, byCategory, items} = value;
  return (
    typeof score === 'number' &&
    score >= 0 &&
    score <= 100 &&
    typeof criticalFailed === 'boolean' &&
    isObject(byCategory) &&
    Object.entries(byCategory).every(([k, v]) => CATEGORIES.has(k) && typeof v === 'number') &&
    Array.isArray(items) &&
    items.every(
      (i) =>
        isObject(i) &&
        typeof i.id === 'string' &&
        STATUSES.has(i.status as string) &&
        CATEGORIES.has(i.category as string) &&
        typeof i.weight === 'number'
    )
  );
}

/**
 * The report of an ended call from its events 1..call-end (in order), or null when it cannot be known
 * (no call-end, or neither the pinned content nor a carried report).
 */
export function summarizeCall(
  call: {callId: string; agentId: string},
  events: readonly Omit<LogEvent, 'synced'>[],
  pin: PinnedContent | null
): CallSummary | null {
  const end = events.findIndex((e) => e.type === 'call-end');
  if (end < 0 || events.length === 0) return null;
  const endEvent = events[end]!;
  if (pin) {
    const startedAt = events[0]!.clientTs;
    const pinned = {...call, startedAt, script: pin.script, items: pin.items};
    return {report: reportFromLog(pinned, events.slice(0, end), endEvent.clientTs), source: 'log'};
  }
  const carried = endEvent.data.report;
  return isReport(carried) ? {report: carried, source: 'event'} : null;
}
