/**
 * The adherence report for a call's script steps, scored as the contract defines (weights, done / late /
 * skipped / missed / n-a, skipped and n/a leaving the denominator). Until checklists land, the required
 * steps are the report's only items; each counts as a procedure item of weight 1.
 */
import type {AdherenceItem, AdherenceReport} from '../events/aa-event.js';
import type {PackScript} from '../content/pack-types.js';
import type {ScriptState} from '../scripting/types.js';

const CREDIT: Record<string, number> = {done: 1, late: 0.5, missed: 0};

/** `100 × Σ weight·credit / Σ weight` over items that count; 100 when nothing counts. */
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

/** Builds the report for an ended call from its script, final state and when each step was done. */
export function buildStepReport(input: {
  callId: string;
  agentId: string;
  script: PackScript | null;
  state: ScriptState | null;
  startedAt: string;
  endedAt: string;
  /** Seconds from call start at which each step was last done or skipped. */
  stepTimes: ReadonlyMap<string, number>;
}): AdherenceReport {
  const items: AdherenceItem[] = [];
  for (const step of input.script?.steps ?? []) {
    if (!step.required) continue;
    const raw = input.state?.steps[step.id] ?? 'missed';
    const status: AdherenceItem['status'] =
      raw === 'done' || raw === 'skipped' || raw === 'n/a' ? raw : 'missed';
    const item: AdherenceItem = {id: step.id, category: 'procedure', weight: 1, status};
    const at = input.stepTimes.get(step.id);
    if (at !== undefined && (status === 'done' || status === 'skipped')) item.at = at;
    if (status === 'skipped') {
      const reason = [...(input.state?.path ?? [])].reverse().find((e) => e.stepId === step.id)?.reason;
      if (reason) item.reason = reason;
    }
    items.push(item);
  }
  const score = scoreItems(items);
  return {
    callId: input.callId,
    agentId: input.agentId,
    scriptId: input.script?.id ?? '',
    scriptVersion: input.script?.version ?? '',
    startedAt: input.startedAt,
    endedAt: input.endedAt,
    score,
    criticalFailed: false,
    byCategory: items.length > 0 ? {procedure: score} : {},
    items,
  };
}
