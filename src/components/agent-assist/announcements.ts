/**
 * What the widget's screen-reader live regions say when something happens that the agent may not be
 * looking at, pure: the step the call moved to (by the agent, the host or a script switch), and an upload that
 * failed or works again. (An item turning overdue is worded by the checklist, which keeps its clock.)
 */
import type {UiStrings} from '../../i18n/strings.js';

/** One thing to say: `urgent` ones interrupt (assertive), the others wait for a pause (polite). */
export interface Announcement {
  text: string;
  urgent: boolean;
}

/** The steps of the call's pinned script, as the announcement needs them. */
export interface AnnouncedScript {
  steps: ReadonlyArray<{id: string; title: string}>;
}

/**
 * The call moved to `stepId` of `script` ("Step 3 of 8: Verify identity"), or finished it (`stepId`
 * null); nothing without a script or for a step it does not have.
 */
export function stepAnnouncement(
  s: UiStrings,
  script: AnnouncedScript | null,
  stepId: string | null
): Announcement | null {
  if (!script) return null;
  if (stepId === null) return {text: s.scriptEnded, urgent: false};
  const index = script.steps.findIndex((step) => step.id === stepId);
  if (index < 0) return null;
  return {text: s.stepNow(index + 1, script.steps.length, script.steps[index]!.title), urgent: false};
}

/**
 * The upload's last problem changed: a new problem is said once (not on every retry of the same one),
 * and so is the recovery. Polite: nothing is lost, so it must not talk over the customer.
 */
export function syncAnnouncement(
  s: UiStrings,
  previousError: string | null,
  error: string | null
): Announcement | null {
  if (error && error !== previousError) return {text: `${s.syncProblem} ${error}`, urgent: false};
  if (!error && previousError) return {text: s.syncRecovered, urgent: false};
  return null;
}
