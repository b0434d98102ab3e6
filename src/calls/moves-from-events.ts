/**
 * Replays a call's logged events into script moves: the events after the last script start or switch,
 * in sequence order. The log is the source of truth; this is how a reload resumes at the same step.
 */
import type {LogEvent} from '../storage/assist-db.js';
import type {ScriptMove} from '../scripting/types.js';

/** Log event types that carry script moves, and the ones that (re)start a script. */
export const MOVE_EVENTS = ['step-complete', 'step-skip', 'step-back', 'step-jump'] as const;
const SCRIPT_STARTS = ['call-start', 'script-switch'];

/** The moves made in the current script, and the step each event's time refers to. */
export function movesFromEvents(events: readonly LogEvent[]): {
  moves: ScriptMove[];
  stepTimes: Map<string, number>;
} {
  let start = 0;
  events.forEach((e, i) => {
    if (SCRIPT_STARTS.includes(e.type)) start = i + 1;
  });
  const moves: ScriptMove[] = [];
  const stepTimes = new Map<string, number>();
  for (const e of events.slice(start)) {
    const d = e.data as {stepId?: string; branch?: string; reason?: string};
    if (e.type === 'step-complete') {
      moves.push(
        d.branch
          ? {type: 'complete', stepId: d.stepId!, branch: d.branch}
          : {type: 'complete', stepId: d.stepId!}
      );
      stepTimes.set(d.stepId!, e.offset);
    } else if (e.type === 'step-skip') {
      const move: ScriptMove = {type: 'skip', stepId: d.stepId!, reason: d.reason ?? ''};
      if (d.branch) move.branch = d.branch;
      moves.push(move);
      stepTimes.set(d.stepId!, e.offset);
    } else if (e.type === 'step-back') {
      moves.push({type: 'back'});
    } else if (e.type === 'step-jump') {
      moves.push({type: 'jump', stepId: d.stepId!});
    }
  }
  return {moves, stepTimes};
}
