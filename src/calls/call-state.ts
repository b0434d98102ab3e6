/**
 * A running call's state, derived from nothing but its record (what it pinned) and its logged events:
 * the script's state, the latest mark of each checklist item, and each item's standing now. Pure: the
 * session derives it once when a call starts or resumes, then applies each newly committed event, so a
 * tick costs the same at 10k events as at the first.
 */
import type {CallItem, CallRecord, LogEvent} from '../model/call-log.js';
import type {ItemStatus} from '../model/report.js';
import {deriveScriptState} from '../scripting/script-engine.js';
import type {ScriptState} from '../scripting/types.js';
import {applyItemEvent, itemMarksFromEvents} from './item-marks.js';
import type {ItemMark} from './item-marks.js';
import {isScriptEvent, movesFromEvents} from './moves-from-events.js';
import {evaluateItem} from './score-call.js';
import {stepSkips, usesSkipRules} from './skip-rules.js';
import type {StepSkips} from './skip-rules.js';
import type {ItemEvaluation} from './score-call.js';

/** Everything the views and the API show of a running call. Treat as immutable. */
export interface CallState {
  call: CallRecord;
  /** The events that matter to the script (starts, switches, moves): replayed on a move, not all events. */
  scriptEvents: readonly LogEvent[];
  /** The script's state, or null while no script is chosen. */
  script: ScriptState | null;
  /** Latest mark of each checklist item. */
  marks: ReadonlyMap<string, ItemMark>;
}

/** A checklist item with its standing now. */
export interface LiveItem {
  item: CallItem;
  evaluation: ItemEvaluation;
  mark?: ItemMark;
}

function scriptStateOf(call: CallRecord, scriptEvents: readonly LogEvent[]): ScriptState | null {
  if (!call.script) return null;
  const replay = movesFromEvents(scriptEvents);
  return deriveScriptState(call.script, replay.moves, {moves: replay.times, start: replay.start});
}

/** The state of `call` after `events` (all of the call's events, in sequence order). */
export function deriveCallState(call: CallRecord, events: readonly LogEvent[]): CallState {
  const scriptEvents = events.filter((e) => isScriptEvent(e.type));
  return {call, scriptEvents, script: scriptStateOf(call, scriptEvents), marks: itemMarksFromEvents(events)};
}

/**
 * The state after one more committed event. A move re-derives the script from the script's own events,
 * a tick updates one mark; other events (articles, searches) change nothing shown. A script switch
 * changes the pinned record: derive again with the new record instead.
 */
export function applyEvent(state: CallState, event: LogEvent): CallState {
  if (isScriptEvent(event.type)) {
    const scriptEvents = [...state.scriptEvents, event];
    return {...state, scriptEvents, script: scriptStateOf(state.call, scriptEvents)};
  }
  if (event.type.startsWith('item-')) {
    const marks = new Map(state.marks);
    applyItemEvent(marks, event);
    return {...state, marks};
  }
  return state;
}

/** The step skips items inherit, or null for a call logged before the skip rules. */
function skipsOf(state: CallState): StepSkips | null {
  return usesSkipRules(state.scriptEvents) ? stepSkips(state.script) : null;
}

/**
 * The call's checklist items with their standing now, in the order the agent meets them: by the first
 * script step each applies to, items for every call last (a stable sort keeps the checklist's own order
 * otherwise).
 */
export function liveItems(state: CallState): LiveItem[] {
  const {call, script, marks} = state;
  const steps = script?.steps ?? null;
  const enteredAt = script?.enteredAt ?? {};
  const order = new Map((call.script?.steps ?? []).map((st, i) => [st.id, i]));
  const last = order.size;
  const rank = (item: CallItem) => Math.min(last, ...item.appliesTo.map((id) => order.get(id) ?? last));
  const skips = skipsOf(state);
  return [...call.items]
    .sort((a, b) => rank(a) - rank(b))
    .map((item) => {
      const mark = marks.get(item.id);
      return {item, mark, evaluation: evaluateItem(item, mark, steps, enteredAt, false, skips)};
    });
}

/** One item's standing now (`open`, `done`, `late`, `skipped`, `n/a`), or null for an unknown id. */
export function itemStatus(state: CallState, itemId: string): ItemStatus | null {
  const item = state.call.items.find((i) => i.id === itemId);
  if (!item) return null;
  const script = state.script;
  const marks = state.marks.get(itemId);
  return evaluateItem(item, marks, script?.steps ?? null, script?.enteredAt ?? {}, false, skipsOf(state))
    .status;
}
