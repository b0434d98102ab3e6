/**
 * Imported rows as the QA view can always render them. Files are checked against the log file's schema
 * before they are written, but rows written by earlier builds were not: a number as a title, an object
 * as an outcome or `items` that is not a list blanked the Quality tab for good (and with it "Remove
 * imported files"). Every field the view reads is given its type here, as the rows are listed.
 */
import type {ChainCheck, QaCall} from '../model/call-log.js';
import type {AdherenceItem, AdherenceReport} from '../model/report.js';
import type {QaTimelineEvent} from './qa-types.js';
import {displayText} from './display-text.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const optionalNum = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : displayText(v));

const STATUSES: AdherenceItem['status'][] = ['done', 'late', 'skipped', 'missed', 'n/a'];
const CATEGORIES: AdherenceItem['category'][] = ['etiquette', 'knowledge', 'procedure'];

function item(raw: unknown): AdherenceItem {
  const r = isObject(raw) ? raw : {};
  const out: AdherenceItem = {
    id: displayText(r.id),
    kind: r.kind === 'step' ? 'step' : 'item',
    category: CATEGORIES.includes(r.category as AdherenceItem['category'])
      ? (r.category as AdherenceItem['category'])
      : 'procedure',
    weight: num(r.weight),
    status: STATUSES.includes(r.status as AdherenceItem['status'])
      ? (r.status as AdherenceItem['status'])
      : 'missed',
  };
  if (r.title !== undefined && r.title !== null) out.title = displayText(r.title);
  if (r.critical === true) out.critical = true;
  const deadline = optionalNum(r.deadline);
  if (deadline !== undefined) out.deadline = deadline;
  const at = optionalNum(r.at);
  if (at !== undefined) out.at = at;
  if (r.reason !== undefined && r.reason !== null) out.reason = displayText(r.reason);
  return out;
}

function report(raw: unknown): AdherenceReport {
  const r = isObject(raw) ? raw : {};
  const byCategory: AdherenceReport['byCategory'] = {};
  const cats = isObject(r.byCategory) ? r.byCategory : {};
  for (const c of CATEGORIES) {
    const v = optionalNum(cats[c]);
    if (v !== undefined) byCategory[c] = v;
  }
  return {
    callId: displayText(r.callId),
    agentId: displayText(r.agentId),
    scriptId: textOrNull(r.scriptId),
    scriptVersion: textOrNull(r.scriptVersion),
    startedAt: displayText(r.startedAt),
    endedAt: displayText(r.endedAt),
    score: num(r.score),
    criticalFailed: r.criticalFailed === true,
    byCategory,
    items: Array.isArray(r.items) ? r.items.map(item) : [],
  };
}

function chain(raw: unknown): ChainCheck {
  const r = isObject(raw) ? raw : {};
  const out: ChainCheck = {ok: r.ok === true, checked: num(r.checked)};
  if (r.brokenAt !== undefined && r.brokenAt !== null) out.brokenAt = displayText(r.brokenAt);
  if (r.incomplete === true) out.incomplete = true;
  return out;
}

/** A stored QA row with every field the QA view reads of the type it expects. */
export function qaCallShape(raw: unknown): QaCall {
  const r = isObject(raw) ? raw : {};
  const out: QaCall = {
    source: displayText(r.source),
    report: report(r.report),
    scriptTitle: displayText(r.scriptTitle),
    eventCount: num(r.eventCount),
    chain: chain(r.chain),
  };
  if (r.outcome !== undefined && r.outcome !== null) out.outcome = displayText(r.outcome);
  return out;
}

/** A stored event as the timeline shows it, whatever an earlier build let an import write. */
export function timelineEventShape(raw: unknown): QaTimelineEvent {
  const r = isObject(raw) ? raw : {};
  return {
    seq: num(r.seq),
    type: displayText(r.type),
    offset: num(r.offset),
    clientTs: displayText(r.clientTs),
    data: isObject(r.data) ? r.data : {},
  };
}
