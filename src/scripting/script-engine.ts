/**
 * The call-script engine: pure functions from a script and the moves made so far to the state of the
 * call (current step, path taken, what is done, skipped, still required, missed or not applicable). No
 * DOM, clock or storage: the caller logs moves and re-derives, so a reload replays to the same state.
 *
 * A step is "n/a" when only branches the call never took lead to it: it is unreachable from the first
 * step once every branching step already visited is limited to the answers chosen there. Any other step
 * not yet done is "pending" while the call runs and "missed" once it has ended.
 */
import type {PackScript, PackStep} from '../content/pack-types.js';
import type {PathEntry, ScriptMove, ScriptState, StepStatus} from './types.js';

/** Why a move was refused; the message names what was expected. */
export class ScriptMoveError extends Error {
  override name = 'ScriptMoveError';
}

const stepById = (script: PackScript) => new Map(script.steps.map((s) => [s.id, s]));

/** Where a step leads without a branch choice: its Next:, else the following step, else the end. */
function nextOf(script: PackScript, step: PackStep): string | null {
  if (step.next === 'end') return null;
  if (step.next !== null) return step.next;
  const i = script.steps.indexOf(step);
  return script.steps[i + 1]?.id ?? null;
}

/** The step a completed or skipped step leads to, checking the branch against the step's choices. */
function leadsTo(script: PackScript, step: PackStep, branch: string | undefined): string | null {
  if (step.branches.length === 0) {
    if (branch !== undefined)
      throw new ScriptMoveError(`step "${step.id}" has no branches; expected no branch`);
    return nextOf(script, step);
  }
  const choices = step.branches.map((b) => b.target);
  if (branch === undefined || !choices.includes(branch)) {
    throw new ScriptMoveError(
      `step "${step.id}" needs a branch: one of ${choices.map((c) => `"${c}"`).join(', ')}` +
        (branch === undefined ? '' : `, not "${branch}"`)
    );
  }
  return branch;
}

/** Applies one move to a path; throws {@link ScriptMoveError} for a move that does not fit. */
function apply(
  script: PackScript,
  steps: Map<string, PackStep>,
  state: {current: string | null; path: PathEntry[]},
  move: ScriptMove
) {
  if (move.type === 'back') {
    const last = state.path.pop();
    if (!last) throw new ScriptMoveError('cannot go back: no step has been done yet');
    state.current = last.stepId;
    return;
  }
  if (move.type === 'jump') {
    if (!steps.has(move.stepId)) throw new ScriptMoveError(`cannot jump to "${move.stepId}": no such step`);
    state.current = move.stepId;
    return;
  }
  if (state.current === null)
    throw new ScriptMoveError('the script has ended; go back or jump to a step first');
  if (move.stepId !== state.current) {
    throw new ScriptMoveError(
      `expected a move on the current step "${state.current}", got one on "${move.stepId}"`
    );
  }
  const step = steps.get(state.current)!;
  if (move.type === 'skip' && step.required && move.reason.trim() === '') {
    throw new ScriptMoveError(`step "${step.id}" is required: skipping it needs a reason`);
  }
  const target = leadsTo(script, step, move.branch);
  const entry: PathEntry = {stepId: step.id, status: move.type === 'complete' ? 'done' : 'skipped'};
  if (move.branch !== undefined) entry.branch = move.branch;
  if (move.type === 'skip' && move.reason.trim() !== '') entry.reason = move.reason.trim();
  state.path.push(entry);
  state.current = target;
}

/** Steps reachable from the first, with visited branching steps limited to the answers chosen there. */
function reachableGivenChoices(script: PackScript, path: readonly PathEntry[]): Set<string> {
  const chosen = new Map<string, Set<string>>();
  for (const e of path)
    if (e.branch !== undefined) chosen.set(e.stepId, (chosen.get(e.stepId) ?? new Set()).add(e.branch));
  const steps = stepById(script);
  const seen = new Set<string>();
  const stack = script.steps.length > 0 ? [script.steps[0]!.id] : [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const step = steps.get(id);
    if (!step || seen.has(id)) continue;
    seen.add(id);
    if (step.branches.length > 0) {
      const only = chosen.get(id);
      stack.push(...step.branches.map((b) => b.target).filter((t) => !only || only.has(t)));
    } else {
      const n = nextOf(script, step);
      if (n !== null) stack.push(n);
    }
  }
  return seen;
}

/** Checks one more move against the state `moves` lead to; throws {@link ScriptMoveError} if it does not fit. */
export function checkMove(script: PackScript, moves: readonly ScriptMove[], move: ScriptMove): void {
  deriveScriptState(script, [...moves, move]);
}

/**
 * The state of `script` after `moves` (each already checked when it was made). With `times` (the time
 * of each move) and `startTime` (when the script started), it also says when each step was entered.
 */
export function deriveScriptState(
  script: PackScript,
  moves: readonly ScriptMove[],
  times?: {moves: readonly number[]; start: number}
): ScriptState {
  const steps = stepById(script);
  const state = {current: script.steps[0]?.id ?? null, path: [] as PathEntry[]};
  const enteredAt: Record<string, number> = {};
  if (times && state.current !== null) enteredAt[state.current] = times.start;
  moves.forEach((move, i) => {
    apply(script, steps, state, move);
    const t = times?.moves[i];
    if (t !== undefined && state.current !== null && !(state.current in enteredAt))
      enteredAt[state.current] = t;
  });
  const ended = state.current === null;
  const reachable = reachableGivenChoices(script, state.path);
  const statuses: Record<string, StepStatus> = {};
  for (const s of script.steps) statuses[s.id] = reachable.has(s.id) ? (ended ? 'missed' : 'pending') : 'n/a';
  // Later visits win: a step skipped and then done on a second pass is done.
  for (const e of state.path) statuses[e.stepId] = e.status;
  if (state.current !== null) statuses[state.current] = 'current';
  // Optional steps never count as missed.
  for (const s of script.steps) if (!s.required && statuses[s.id] === 'missed') statuses[s.id] = 'n/a';
  return {currentStepId: state.current, path: state.path, steps: statuses, ended, enteredAt};
}
