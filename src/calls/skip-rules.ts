/**
 * The skip rules of scoring (rules version 2): which checklist items may be skipped and with which
 * reasons (declared by the checklist), and the skips a checklist item inherits from the script steps it
 * is bound to. Calls logged before these rules carry no version and are scored as they were then.
 */
import type {LogEvent} from '../model/call-log.js';
import type {CallItem} from '../model/call-log.js';
import type {ScriptState} from '../scripting/types.js';

/** The scoring rules new calls are logged with (in their call-start event, so the chain covers it). */
export const SCORING_RULES = 2;

/** The step skips a checklist item may inherit: step id → the reason it was skipped with. */
export type StepSkips = ReadonlyMap<string, string>;

/** Whether a call's events ask for the skip rules (a call-start carrying `scoring: 2`). */
export function usesSkipRules(events: readonly Pick<LogEvent, 'type' | 'data'>[]): boolean {
  const start = events.find((e) => e.type === 'call-start');
  return start !== undefined && start.data.scoring === SCORING_RULES;
}

/** The steps the script's path left skipped with a reason (the latest visit of each step counts). */
export function stepSkips(state: ScriptState | null): Map<string, string> {
  const skips = new Map<string, string>();
  for (const entry of state?.path ?? []) {
    if (entry.status === 'skipped' && entry.reason) skips.set(entry.stepId, entry.reason);
    else skips.delete(entry.stepId);
  }
  return skips;
}

/** Whether an item may be skipped: as its checklist says, else (pinned before the rules) non-critical ones. */
export function isSkippable(item: Pick<CallItem, 'critical' | 'skippable'>): boolean {
  return item.skippable ?? !item.critical;
}

/** Whether `reason` is one the item's checklist allows (any non-empty reason when it lists none). */
export function reasonAllowed(item: Pick<CallItem, 'skipReasons'>, reason: string): boolean {
  const allowed = item.skipReasons ?? [];
  return reason.trim() !== '' && (allowed.length === 0 || allowed.includes(reason.trim()));
}

/** Why skipping `item` with `reason` is refused, or null when the skip is allowed. */
export function skipRefusal(item: CallItem, reason: string): string | null {
  if (!isSkippable(item)) {
    return `item "${item.id}" may not be skipped${item.critical ? ' (a critical item its checklist does not let agents skip)' : ''}`;
  }
  if (!reasonAllowed(item, reason)) {
    const allowed = item.skipReasons ?? [];
    return `item "${item.id}" may be skipped only with one of its checklist's reasons: ${allowed.map((r) => `"${r}"`).join(', ')}`;
  }
  return null;
}
