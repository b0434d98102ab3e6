/** Types of the call-script engine: the moves an agent makes, and the state derived from them. */

/** One move in a call's script, as logged. Derived state is always recomputed from these. */
export type ScriptMove =
  | {type: 'complete'; stepId: string; branch?: string}
  | {type: 'skip'; stepId: string; reason: string; branch?: string}
  | {type: 'back'}
  | {type: 'jump'; stepId: string};

/** Where a step stands in a call. */
export type StepStatus = 'done' | 'skipped' | 'current' | 'pending' | 'missed' | 'n/a';

/** One visit on the path taken. */
export interface PathEntry {
  stepId: string;
  status: 'done' | 'skipped';
  branch?: string;
  reason?: string;
}

/** The state of a script in a call, derived from its moves. */
export interface ScriptState {
  /** The step to do now, or null once the script has ended. */
  currentStepId: string | null;
  path: PathEntry[];
  /** Status of every step of the script. */
  steps: Record<string, StepStatus>;
  ended: boolean;
  /**
   * When each step first became current, in the clock of the move times given (seconds since the call
   * started): what "before step X" deadlines are measured against. Empty when no times were given.
   */
  enteredAt: Record<string, number>;
}

/** A piece of a step's text after variables are filled in. */
export interface TextPart {
  text: string;
  /** Set on parts that came from a variable. */
  variable?: string;
  /** True when the variable had no value and no fallback: the text is a visible placeholder. */
  missing?: boolean;
}
