/**
 * An ended call's adherence report, computed from nothing but its log and what the call pinned (script
 * and checklist items): the same function scores a call as it ends and re-scores an imported one, so a
 * report in a team file can be checked against the events it came from.
 */
import type {PackScript} from '../content/pack-types.js';
import {deriveScriptState} from '../scripting/script-engine.js';
import type {CallItem} from '../model/call-log.js';
import {itemMarksFromEvents} from './item-marks.js';
import {movesFromEvents} from './moves-from-events.js';
import type {ReplayEvent} from './moves-from-events.js';
import {scoreCall} from './score-call.js';
import {usesSkipRules} from './skip-rules.js';
import type {AdherenceReport} from '../model/report.js';

/** What a call pinned, as stored in its record. */
export interface PinnedCall {
  callId: string;
  agentId: string;
  startedAt: string;
  script: PackScript | null;
  items: readonly CallItem[];
}

export function reportFromLog(
  call: PinnedCall,
  events: readonly ReplayEvent[],
  endedAt: string
): AdherenceReport {
  const replay = movesFromEvents(events);
  let state = null;
  if (call.script) {
    try {
      state = deriveScriptState(call.script, replay.moves, {moves: replay.times, start: replay.start});
    } catch {
      // A log whose moves do not fit the pinned script (edited by hand) scores as if no step was done.
      state = deriveScriptState(call.script, []);
    }
  }
  return scoreCall({
    callId: call.callId,
    agentId: call.agentId,
    startedAt: call.startedAt,
    endedAt,
    script: call.script,
    state,
    stepTimes: replay.stepTimes,
    items: call.items,
    marks: itemMarksFromEvents(events),
    skipRules: usesSkipRules(events),
  });
}
