/**
 * The flow of a call script as a graph: where each step can lead. Shared by the content checker
 * (unreachable steps, loops with no exit) and the script engine (what comes next).
 */
import type {CallScript, ScriptStep} from './types.js';

/** Where a step leads: step ids, and `end` when the script can end after it. */
export function successors(script: CallScript, step: ScriptStep): string[] {
  if (step.branches.length > 0) return step.branches.map((b) => b.target);
  if (step.next !== null) return [step.next];
  const index = script.steps.indexOf(step);
  return [script.steps[index + 1]?.id ?? 'end'];
}

/** Steps reachable from the first step. */
export function reachableSteps(script: CallScript): Set<string> {
  const byId = new Map(script.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const queue = script.steps.length > 0 ? [script.steps[0]!.id] : [];
  while (queue.length > 0) {
    const id = queue.pop()!;
    const step = byId.get(id);
    if (seen.has(id) || !step) continue;
    seen.add(id);
    queue.push(...successors(script, step));
  }
  return seen;
}

/** Steps from which the end of the script can be reached. */
export function stepsThatCanEnd(script: CallScript): Set<string> {
  const canEnd = new Set<string>();
  // Fixed point over a small graph (scripts have tens of steps): keep adding steps with an exit.
  let changed = true;
  while (changed) {
    changed = false;
    for (const step of script.steps) {
      if (canEnd.has(step.id)) continue;
      if (successors(script, step).some((t) => t === 'end' || canEnd.has(t))) {
        canEnd.add(step.id);
        changed = true;
      }
    }
  }
  return canEnd;
}
