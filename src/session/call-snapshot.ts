/**
 * What `getCall()` tells a host about the running call (pure): the current step with its choices, so a
 * host can drive the script with its own controls, and each checklist item's standing now. Also turns a
 * host's `completeStep({branch})` into a move on the current step, checked against its choices.
 */
import type {CallState} from '../calls/call-state.js';
import {liveItems} from '../calls/call-state.js';
import type {ScriptMove} from '../scripting/types.js';
import type {CallSnapshot, CompleteStepOptions, CurrentStep} from './api-types.js';
import {argumentError} from './check-args.js';

/** The current step of the call's script, or null (no script yet, or the script has ended). */
export function currentStep(state: CallState): CurrentStep | null {
  const id = state.script?.currentStepId ?? null;
  const step = id === null ? undefined : state.call.script?.steps.find((s) => s.id === id);
  if (!step) return null;
  return {
    id: step.id,
    title: step.title,
    phase: step.phase,
    required: step.required,
    choices: step.branches.map((b) => ({id: b.target, label: b.label})),
  };
}

/** The running call as `getCall()` resolves it. */
export function callSnapshot(state: CallState, readOnly: boolean): CallSnapshot {
  const step = currentStep(state);
  return {
    callId: state.call.callId,
    scriptId: state.call.scriptId,
    stepId: step?.id ?? null,
    step,
    items: liveItems(state).map((i) => ({id: i.item.id, status: i.evaluation.status})),
    readOnly,
  };
}

/** The move `completeStep(options)` makes on the current step; throws naming what was expected. */
export function completeMove(state: CallState, options: CompleteStepOptions): ScriptMove {
  if (!state.call.script)
    throw argumentError('completeStep', 'a script to be chosen first (startCall({scriptId}) or the picker)');
  const step = currentStep(state);
  if (!step) throw argumentError('completeStep', 'a current step, but the script has ended');
  const {branch} = options;
  const ids = step.choices.map((c) => `"${c.id}"`).join(', ');
  if (step.choices.length === 0) {
    if (branch !== undefined)
      throw argumentError('completeStep', `no branch: step "${step.id}" has no choices`);
    return {type: 'complete', stepId: step.id};
  }
  if (branch === undefined)
    throw argumentError(
      'completeStep',
      `a branch: step "${step.id}" has choices ${ids} (or 1 to ${step.choices.length})`
    );
  const target = typeof branch === 'number' ? step.choices[branch - 1]?.id : branch;
  if (target === undefined || !step.choices.some((c) => c.id === target))
    throw argumentError(
      'completeStep',
      `branch to be one of ${ids} or a number from 1 to ${step.choices.length} for step "${step.id}", got ${JSON.stringify(branch)}`
    );
  return {type: 'complete', stepId: step.id, branch: target};
}
