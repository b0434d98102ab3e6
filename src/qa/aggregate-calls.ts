/**
 * The QA view's numbers: which calls pass the filters, and the summary of those calls (mean score, critical
 * failures, score per day, most-missed items, score by category). Pure: no DOM, no storage, no clock; one
 * pass over the calls and their items, so a few thousand calls aggregate in milliseconds.
 */
import type {QaCall} from '../model/call-log.js';
import type {QaFilter} from './qa-types.js';
import type {AdherenceItem} from '../model/report.js';
import {compareCodeUnits, compareText} from './display-text.js';

/** Maps an ISO timestamp to the local `YYYY-MM-DD` it falls on (`''` when it is not a date). */
export type DayOf = (iso: string) => string;

/** One day of the score trend. */
export interface QaTrendPoint {
  /** Local `YYYY-MM-DD`. */
  day: string;
  meanScore: number;
  count: number;
}

/** An item that was missed or done late on at least one call. */
export interface QaMissedItem {
  id: string;
  kind: 'item' | 'step';
  /** The item's title as the last report listing it names it, else its id. */
  title: string;
  missed: number;
  late: number;
  skipped: number;
  /** Calls where the item applied (its status was not `n/a`). */
  applicable: number;
}

/** The summary of a set of calls. */
export interface QaAggregate {
  count: number;
  /** `null` when there are no calls. */
  meanScore: number | null;
  criticalFailures: number;
  /** One entry per day that has calls, oldest first; calls without a valid start time are left out. */
  trend: QaTrendPoint[];
  /** Most missed first, then most late; at most {@link MOST_MISSED_LIMIT}. */
  mostMissed: QaMissedItem[];
  /** The mean of each category's score over the calls that have that category. */
  byCategory: Partial<Record<AdherenceItem['category'], number>>;
  /** Agent ids, sorted. */
  agents: string[];
  /** Scripts, sorted by title. */
  scripts: {id: string; title: string}[];
}

/** How many items `mostMissed` lists. */
export const MOST_MISSED_LIMIT = 10;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The local-time `YYYY-MM-DD` of an ISO timestamp, or `''` when it does not parse. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const t = d.getTime();
  if (Number.isNaN(t)) return '';
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/**
 * The calls that pass the filter, in their given order. `from` and `to` are local days, both included;
 * a call whose start time does not parse passes only when no date bound is set.
 */
export function filterCalls(calls: QaCall[], filter: QaFilter, dayOf: DayOf = localDay): QaCall[] {
  const {agentId, scriptId, from, to} = filter;
  if (!agentId && !scriptId && !from && !to) return calls;
  const out: QaCall[] = [];
  for (const call of calls) {
    const r = call.report;
    if (agentId && r.agentId !== agentId) continue;
    if (scriptId && r.scriptId !== scriptId) continue;
    if (from || to) {
      // `YYYY-MM-DD` strings order like the days they name.
      const day = dayOf(r.startedAt);
      if (day === '' || (from && day < from) || (to && day > to)) continue;
    }
    out.push(call);
  }
  return out;
}

interface ItemTally extends QaMissedItem {
  /** The index of the last call counted, so an item listed twice in one report counts once. */
  lastCall: number;
}

const CATEGORIES: AdherenceItem['category'][] = ['etiquette', 'knowledge', 'procedure'];

/** Summarizes calls (already filtered) in one pass. */
export function aggregateCalls(calls: QaCall[], dayOf: DayOf = localDay): QaAggregate {
  let scoreSum = 0;
  let criticalFailures = 0;
  const days = new Map<string, {sum: number; count: number}>();
  // Keyed by kind, then id: a checklist item and a script step may share an id, and are different things.
  const tallies = {item: new Map<string, ItemTally>(), step: new Map<string, ItemTally>()};
  const catSum = {etiquette: 0, knowledge: 0, procedure: 0};
  const catCount = {etiquette: 0, knowledge: 0, procedure: 0};
  const agents = new Set<string>();
  const scripts = new Map<string, string>();

  for (let i = 0; i < calls.length; i++) {
    const call = calls[i]!;
    const r = call.report;
    scoreSum += r.score;
    if (r.criticalFailed) criticalFailures++;
    agents.add(r.agentId);
    // A call that ended without a script has no entry in the script filter.
    if (r.scriptId !== null && !scripts.has(r.scriptId))
      scripts.set(r.scriptId, call.scriptTitle || r.scriptId);

    const day = dayOf(r.startedAt);
    if (day !== '') {
      const d = days.get(day);
      if (d) {
        d.sum += r.score;
        d.count++;
      } else {
        days.set(day, {sum: r.score, count: 1});
      }
    }

    for (const cat of CATEGORIES) {
      const v = r.byCategory[cat];
      if (typeof v === 'number' && Number.isFinite(v)) {
        catSum[cat] += v;
        catCount[cat]++;
      }
    }

    for (const item of r.items) {
      if (item.status === 'n/a') continue;
      const kind = item.kind === 'step' ? 'step' : 'item';
      let t = tallies[kind].get(item.id);
      if (!t) {
        t = {id: item.id, kind, title: item.id, missed: 0, late: 0, skipped: 0, applicable: 0, lastCall: -1};
        tallies[kind].set(item.id, t);
      }
      if (t.lastCall === i) continue;
      t.lastCall = i;
      if (item.title) t.title = item.title;
      t.applicable++;
      if (item.status === 'missed') t.missed++;
      else if (item.status === 'late') t.late++;
      else if (item.status === 'skipped') t.skipped++;
    }
  }

  const trend: QaTrendPoint[] = [...days]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, d]) => ({day, meanScore: d.sum / d.count, count: d.count}));

  const mostMissed: QaMissedItem[] = [];
  for (const map of [tallies.item, tallies.step]) {
    for (const t of map.values()) {
      if (t.missed + t.late === 0) continue;
      const {lastCall: _lastCall, ...item} = t;
      mostMissed.push(item);
    }
  }
  // Sorting the distinct missed items (tens, not thousands) once at the end.
  mostMissed.sort((a, b) => b.missed - a.missed || b.late - a.late || compareText(a.title, b.title));
  mostMissed.length = Math.min(mostMissed.length, MOST_MISSED_LIMIT);

  const byCategory: QaAggregate['byCategory'] = {};
  for (const cat of CATEGORIES) if (catCount[cat] > 0) byCategory[cat] = catSum[cat] / catCount[cat];

  return {
    count: calls.length,
    meanScore: calls.length > 0 ? scoreSum / calls.length : null,
    criticalFailures,
    trend,
    mostMissed,
    byCategory,
    ...sortedOptions(agents, scripts),
  };
}

/** The agents and scripts present in calls, for the filter menus (cheaper than a full aggregate). */
export function callOptions(calls: QaCall[]): Pick<QaAggregate, 'agents' | 'scripts'> {
  const agents = new Set<string>();
  const scripts = new Map<string, string>();
  for (const call of calls) {
    agents.add(call.report.agentId);
    const id = call.report.scriptId;
    if (id !== null && !scripts.has(id)) scripts.set(id, call.scriptTitle || id);
  }
  return sortedOptions(agents, scripts);
}

function sortedOptions(agents: Set<string>, scripts: Map<string, string>) {
  return {
    agents: [...agents].sort(compareCodeUnits),
    scripts: [...scripts]
      .map(([id, title]) => ({id, title}))
      .sort((a, b) => compareText(a.title, b.title) || compareCodeUnits(a.id, b.id)),
  };
}
