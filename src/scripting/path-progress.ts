/**
 * How far a call is along its script, counting only the steps on the path the call can still take:
 * branch steps the call's answers ruled out ("not needed") are not in the total, so a billing call that
 * went one way does not end on "step 10 of 15".
 */
import type {PackScript} from '../content/pack-types.js';
import type {ScriptState} from './types.js';

/** `step` of `total` (1-based; `total` once the script has ended), and `done` steps behind. */
export interface PathProgress {
  step: number;
  total: number;
  done: number;
}

export function pathProgress(script: PackScript, state: ScriptState): PathProgress {
  const counted = script.steps.filter((s) => state.steps[s.id] !== 'n/a');
  const total = Math.max(1, counted.length);
  const done = Math.min(
    total,
    new Set(state.path.filter((p) => state.steps[p.stepId] !== 'n/a').map((p) => p.stepId)).size
  );
  return {step: state.currentStepId === null ? total : Math.min(done + 1, total), total, done};
}
