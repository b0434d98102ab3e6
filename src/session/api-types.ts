/**
 * The public API of agent-assist, as types: what `<agent-assist>`, the framework-free
 * {@link AgentAssistCore} and (later) the iframe helper all implement, so host code is the same for
 * every embedding. Types only; the contract is `shared/design/public-api.md`, documented in the README.
 */
import type {AaEventDetailMap} from '../events/aa-event.js';
import type {AdherenceReport, ItemStatus} from '../model/report.js';

export type {AaErrorCode, AaEventDetailMap, AaEventName} from '../events/aa-event.js';
export type {AdherenceItem, AdherenceReport, ItemStatus} from '../model/report.js';

/** Options of `startCall()`. */
export interface StartCallOptions {
  /** 1–128 characters; a new random id when absent. An id already used rejects. */
  callId?: string;
  /** The script to run; else the default for the element's `queue`; else the agent picks one. */
  scriptId?: string;
  /** Host data for script variables such as `{{customer.name}}`: shown, never logged. */
  context?: Record<string, unknown>;
}

/** What `startCall()` resolves. */
export interface StartCallResult {
  callId: string;
}

/** Options of `endCall()`. */
export interface EndCallOptions {
  /** The host's outcome code for the call (logged, up to 200 characters). */
  outcome?: string;
  /**
   * Ask the agent first when items would be missed (required steps, checklist items still open): the
   * widget lists them and waits. "End anyway" ends the call; "Go back" rejects with code `end-cancelled`
   * and the call runs on. For a button the agent presses, not for a hang-up that already happened.
   */
  confirm?: boolean;
}

/** Filters of `search()`: a value or a list of values each. */
export interface SearchFilters {
  category?: string | string[];
  lang?: string | string[];
}

/** Options of `search()`. */
export interface SearchOptions {
  /** 1–100, default 10. */
  limit?: number;
  filters?: SearchFilters;
}

/** One ranked hit of `search()`. */
export interface SearchResult {
  id: string;
  title: string;
  /** HTML-escaped text with `<mark>` around matched words: safe to insert as HTML. */
  snippet: string;
  score: number;
  category: string;
  lang: string;
  /** The article is past its review date. */
  stale: boolean;
}

/** One script of the loaded pack, as `listScripts()` lists it. */
export interface ScriptSummary {
  id: string;
  title: string;
  lang: string;
  queues: string[];
}

/** Options of `completeStep()`. */
export interface CompleteStepOptions {
  /** Where the step has choices: the target step id, or the 1-based number of the choice. */
  branch?: string | number;
}

/** Options of `checkItem()`. */
export interface CheckItemOptions {
  /** Who ticked it: `agent` (default) or `host` (e.g. the IVR played the notice). Logged. */
  source?: 'agent' | 'host';
}

/** A choice of the current step (`completeStep({branch: id})` or its 1-based number takes it). */
export interface StepChoice {
  id: string;
  label: string;
}

/** The running call's current step. */
export interface CurrentStep {
  id: string;
  title: string;
  phase: 'opening' | 'body' | 'closing';
  /** A required step skipped without a reason, or never done, counts against the score. */
  required: boolean;
  /** Empty when the step has one way on; else `completeStep()` needs a branch. */
  choices: StepChoice[];
}

/** A checklist item of the running call with its standing now. */
export interface ItemSnapshot {
  id: string;
  status: ItemStatus;
}

/** What `getCall()` resolves while a call runs. */
export interface CallSnapshot {
  callId: string;
  /** null until a script is chosen. */
  scriptId: string | null;
  /** The current step's id; null before a script is chosen and once the script has ended. */
  stepId: string | null;
  step: CurrentStep | null;
  items: ItemSnapshot[];
  /** True when another tab of this browser writes this call: this one only shows it. */
  readOnly: boolean;
}

/** Options of `exportLog()`. */
export interface ExportLogOptions {
  /** ISO date or time; events at or after it (inclusive). */
  since?: string;
  /** ISO date or time; events at or before it (inclusive). */
  until?: string;
  format: 'json' | 'csv';
}

/** Options of `verifyLog()`. */
export interface VerifyLogOptions {
  /** One call; every call in the log when absent. */
  callId?: string;
}

/** What `verifyLog()` resolves. */
export interface VerifyResult {
  ok: boolean;
  /** Events checked. */
  checked: number;
  /** The event id where a record was edited, inserted or reordered, or `<callId> seq N` where one was deleted. */
  brokenAt?: string;
}

/**
 * The methods every embedding offers. All return promises; a bad argument rejects with an `Error`
 * whose message reads `agent-assist: <method>() expected …`. Every method waits for the content pack
 * and for the resume of an unfinished call after a reload.
 */
export interface AgentAssistApi {
  startCall(options?: StartCallOptions): Promise<StartCallResult>;
  endCall(options?: EndCallOptions): Promise<AdherenceReport>;
  setContext(context: Record<string, unknown>): Promise<void>;
  search(query: string, options?: SearchOptions): Promise<SearchResult[]>;
  listScripts(): Promise<ScriptSummary[]>;
  openArticle(id: string): Promise<void>;
  completeStep(options?: CompleteStepOptions): Promise<void>;
  checkItem(itemId: string, options?: CheckItemOptions): Promise<void>;
  skipItem(itemId: string, reason: string): Promise<void>;
  getCall(): Promise<CallSnapshot | null>;
  exportLog(options?: ExportLogOptions): Promise<Blob>;
  verifyLog(options?: VerifyLogOptions): Promise<VerifyResult>;
  refreshContent(): Promise<void>;
  /** Credentials for uploads to `sync-url` (a property: never in the DOM); setting it again resumes uploads refused with 401/403. */
  syncAuth: SyncAuth | null;
  /** Credentials for reading the collector at `qa-url` (a QA lead's token; a property: never in the DOM), asked before each request. */
  qaAuth: SyncAuth | null;
}

/** Returns the `Authorization` header value for uploads (e.g. `Bearer …`); asked before each request. */
export type SyncAuth = () => string | null | Promise<string | null>;

/** A public event with its typed detail. */
export type AaEvent<K extends keyof AaEventDetailMap> = CustomEvent<AaEventDetailMap[K]>;
