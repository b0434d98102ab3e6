/**
 * Adherence scoring, as the contract defines it. Every checklist item of the call and every required
 * script step is an item with a weight and a category; at call end each is done (on time), late (after
 * its deadline), skipped (with the agent's reason), missed, or n/a (on a branch the call never took).
 * Credit: done 1, late 0.5, missed 0; skipped and n/a leave the denominator, so a justified personal
 * touch is not punished. A missed critical item fails the call: score 0.
 *
 * With the skip rules (calls logged since rules version 2, see skip-rules.ts): an item bound to steps the
 * agent skipped with a reason inherits that skip; a skip the item's checklist does not allow (a critical
 * item, a reason not listed) does not count; a skipped critical item is flagged `review: true` for QA.
 */
import type {PackScript} from '../content/pack-types.js';
import type {ScriptState, StepStatus} from '../scripting/types.js';
import type {CallItem} from '../model/call-log.js';
import type {ItemMark} from './item-marks.js';
import type {AdherenceItem, AdherenceReport} from '../model/report.js';
import {isSkippable, reasonAllowed, stepSkips} from './skip-rules.js';
import type {StepSkips} from './skip-rules.js';

const CREDIT: Record<string, number> = {done: 1, late: 0.5, missed: 0};

/** `100 × Σ weight·credit / Σ weight` over items that count, to one decimal; 100 when nothing counts. */
export function scoreItems(items: readonly AdherenceItem[]): number {
  let weight = 0;
  let earned = 0;
  for (const it of items) {
    if (!(it.status in CREDIT)) continue;
    weight += it.weight;
    earned += it.weight * CREDIT[it.status]!;
  }
  return weight === 0 ? 100 : Math.round((1000 * earned) / weight) / 10;
}

/** An item's standing during the call (`open`: not yet done) or at its end (`missed` instead). */
export interface ItemEvaluation {
  status: AdherenceItem['status'] | 'open';
  /** When it was done or skipped, seconds since call start. */
  at?: number;
  /** When it is (or was) due, seconds since call start; absent while a "before step" is not reached. */
  deadline?: number;
  reason?: string;
  /** The step whose skip the item inherited. */
  skippedStep?: string;
  /** For QA to look at: a critical item skipped, or a skip its checklist does not allow. */
  review?: boolean;
}

/**
 * Evaluates one checklist item. An item bound to steps (`appliesTo`) is n/a when none of them can still
 * be reached on the path the call took; a tick always counts, whatever the branch. `skips` (the steps
 * skipped with a reason) turns the skip rules on; without it the item is evaluated as before them.
 */
export function evaluateItem(
  item: CallItem,
  mark: ItemMark | undefined,
  steps: Readonly<Record<string, StepStatus>> | null,
  enteredAt: Readonly<Record<string, number>>,
  ended: boolean,
  skips?: StepSkips | null
): ItemEvaluation {
  const deadline =
    item.deadline === null
      ? undefined
      : 'seconds' in item.deadline
        ? item.deadline.seconds
        : enteredAt[item.deadline.beforeStep];
  const withDeadline = (e: ItemEvaluation): ItemEvaluation => (deadline === undefined ? e : {...e, deadline});
  if (mark?.status === 'done') {
    return withDeadline({
      status: deadline !== undefined && mark.at > deadline ? 'late' : 'done',
      at: mark.at,
    });
  }
  let refused = false;
  if (mark?.status === 'skipped') {
    const skipped = withDeadline({status: 'skipped', at: mark.at, reason: mark.reason});
    if (!skips) return skipped;
    // A skip the checklist does not allow (only a log written by hand has one) counts as no skip at all.
    if (isSkippable(item) && reasonAllowed(item, mark.reason ?? '')) {
      return item.critical ? {...skipped, review: true} : skipped;
    }
    refused = true;
  }
  const bound = item.appliesTo.filter((id) => steps?.[id] !== undefined && steps[id] !== 'n/a');
  if (item.appliesTo.length > 0 && bound.length === 0) return {status: 'n/a'};
  const flag = (e: ItemEvaluation): ItemEvaluation => (refused ? {...e, review: true} : e);
  // Every step the item is bound to was skipped with a reason: the item was skipped with it, if it may be.
  const inherited = skips && bound.length > 0 && bound.every((id) => skips.has(id)) ? bound.at(-1)! : null;
  if (inherited !== null && isSkippable(item) && reasonAllowed(item, skips!.get(inherited)!)) {
    const e: ItemEvaluation = {status: 'skipped', reason: skips!.get(inherited)!, skippedStep: inherited};
    return flag(withDeadline(item.critical ? {...e, review: true} : e));
  }
  return flag(withDeadline({status: ended ? 'missed' : 'open'}));
}

/** Everything the report of an ended call is computed from; all of it comes from the log and the pins. */
export interface ScoreInput {
  callId: string;
  agentId: string;
  startedAt: string;
  endedAt: string;
  script: PackScript | null;
  /** The script's state at call end (null when no script was chosen). */
  state: ScriptState | null;
  /** When each step was last done or skipped (seconds since call start). */
  stepTimes: ReadonlyMap<string, number>;
  items: readonly CallItem[];
  marks: ReadonlyMap<string, ItemMark>;
  /** Whether the call was logged under the skip rules (rules version 2). */
  skipRules?: boolean;
}

function toReportItem(base: AdherenceItem, e: ItemEvaluation): AdherenceItem {
  const item = {...base, status: e.status === 'open' ? 'missed' : e.status};
  if (e.deadline !== undefined) item.deadline = e.deadline;
  if (e.at !== undefined) item.at = e.at;
  if (e.reason) item.reason = e.reason;
  if (e.skippedStep) item.skippedStep = e.skippedStep;
  if (e.review) item.review = true;
  return item;
}

/** Builds the adherence report of an ended call. */
export function scoreCall(input: ScoreInput): AdherenceReport {
  const steps = input.state?.steps ?? null;
  const enteredAt = input.state?.enteredAt ?? {};
  const skips = input.skipRules ? stepSkips(input.state) : null;
  const items: AdherenceItem[] = [];
  for (const it of input.items) {
    const base: AdherenceItem = {
      id: it.id,
      kind: 'item',
      title: it.text,
      category: it.category,
      weight: it.weight,
      status: 'missed',
    };
    if (it.critical) base.critical = true;
    items.push(toReportItem(base, evaluateItem(it, input.marks.get(it.id), steps, enteredAt, true, skips)));
  }
  for (const step of input.script?.steps ?? []) {
    if (!step.required) continue;
    const raw = steps?.[step.id] ?? 'missed';
    const status: AdherenceItem['status'] =
      raw === 'done' || raw === 'skipped' || raw === 'n/a' ? raw : 'missed';
    const e: ItemEvaluation = {status};
    const at = input.stepTimes.get(step.id);
    if (at !== undefined && (status === 'done' || status === 'skipped')) e.at = at;
    if (status === 'skipped') {
      e.reason = [...(input.state?.path ?? [])].reverse().find((p) => p.stepId === step.id)?.reason;
    }
    const base: AdherenceItem = {
      id: step.id,
      kind: 'step',
      title: step.title,
      category: 'procedure',
      weight: 1,
      status,
    };
    items.push(toReportItem(base, e));
  }
  const failed = (list: readonly AdherenceItem[]) => list.some((i) => i.critical && i.status === 'missed');
  const criticalFailed = failed(items);
  const byCategory: AdherenceReport['byCategory'] = {};
  for (const category of ['etiquette', 'knowledge', 'procedure'] as const) {
    const inCategory = items.filter((i) => i.category === category);
    if (inCategory.length > 0) byCategory[category] = failed(inCategory) ? 0 : scoreItems(inCategory);
  }
  const report: AdherenceReport = {
    callId: input.callId,
    agentId: input.agentId,
    scriptId: input.script?.id ?? null,
    scriptVersion: input.script?.version ?? null,
    startedAt: input.startedAt,
    endedAt: input.endedAt,
    score: criticalFailed ? 0 : scoreItems(items),
    criticalFailed,
    byCategory,
    items,
  };
  // Absent rather than false: reports of calls scored before the skip rules keep their exact shape.
  if (items.some((i) => i.review)) report.review = true;
  return report;
}
