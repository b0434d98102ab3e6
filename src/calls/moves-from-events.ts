/**
 * Replays a call's logged events into script moves: the events after the last script start or switch,
 * in sequence order. The log is the source of truth; this is how a reload resumes at the same step.
 */
import type {ScriptMove} from '../scripting/types.js';
import type {LogEvent} from '../model/call-log.js';

/** Log event types that carry script moves, and the ones that (re)start a script. */
export const MOVE_EVENTS = ['step-complete', 'step-skip', 'step-back', 'step-jump'] as const;
const SCRIPT_STARTS = ['call-start', 'script-switch'];

/** Whether an event matters to the script's state (a start, a switch or a move). */
export function isScriptEvent(type: string): boolean {
  return SCRIPT_STARTS.includes(type) || (MOVE_EVENTS as readonly string[]).includes(type);
}

/** A log event as far as replaying needs it (stored records and imported ones both fit). */
export type ReplayEvent = Pick<LogEvent, 'type' | 'data' | 'offset'>;

/** The moves made in the current script, when each was made, and when the script started. */
export interface ReplayedMoves {
  moves: ScriptMove[];
  /** Offset (seconds since call start) of each move, index for index. */
  times: number[];
  /** Offset of the call start or the last script switch. */
  start: number;
  /** Offset at which each step was last done or skipped. */
  stepTimes: Map<string, number>;
}

export function movesFromEvents(events: readonly ReplayEvent[]): ReplayedMoves {
  let from = 0;
  let start = 0;
  events.forEach((e, i) => {
    if (SCRIPT_STARTS.includes(e.type)) {
      from = i + 1;
      start = e.offset;
    }
  });
  const moves: ScriptMove[] = [];
  const times: number[] = [];
  const stepTimes = new Map<string, number>();
  for (const e of events.slice(from)) {
    const d = e.data as {stepId?: string; branch?: string; reason?: string};
    let move: ScriptMove | null = null;
    if (e.type === 'step-complete') {
      move = d.branch
        ? {type: 'complete', stepId: d.stepId!, branch: d.branch}
        : {type: 'complete', stepId: d.stepId!};
      stepTimes.set(d.stepId!, e.offset);
    } else if (e.type === 'step-skip') {
      move = {type: 'skip', stepId: d.stepId!, reason: d.reason ?? ''};
      if (d.branch) move.branch = d.branch;
      stepTimes.set(d.stepId!, e.offset);
    } else if (e.type === 'step-back') {
      move = {type: 'back'};
    } else if (e.type === 'step-jump') {
      move = {type: 'jump', stepId: d.stepId!};
    }
    if (move) {
      moves.push(move);
      times.push(e.offset);
    }
  }
  return {moves, times, start, stepTimes};
}

/** The log event a move is written as (the inverse of {@link movesFromEvents}); `from` is the step current before it. */
export function moveEvent(
  move: ScriptMove,
  from: string | null
): {type: string; data: Record<string, unknown>} {
  if (move.type === 'back') return {type: 'step-back', data: {fromStepId: from}};
  if (move.type === 'jump') return {type: 'step-jump', data: {stepId: move.stepId, fromStepId: from}};
  const data: Record<string, unknown> = {stepId: move.stepId};
  if (move.branch !== undefined) data.branch = move.branch;
  if (move.type === 'skip') data.reason = move.reason.trim();
  return {type: move.type === 'complete' ? 'step-complete' : 'step-skip', data};
}
