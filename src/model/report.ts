/**
 * The adherence report: what `endCall()` resolves, `aa-call-end` carries, the log stores per ended call
 * and the QA view aggregates. Plain JSON, shared by every layer (types only).
 */

/**
 * Where a checklist item or required step stands. During a call: `open` (not done yet), `done`, `late`
 * (done after its deadline), `skipped` (with a reason) or `n/a` (on a branch the call did not take). In
 * the report `missed` takes the place of `open`.
 */
export type ItemStatus = 'open' | 'done' | 'late' | 'skipped' | 'missed' | 'n/a';

/** An adherence item as the call report lists it. */
export interface AdherenceItem {
  id: string;
  /** A checklist item or a required script step (their ids may coincide). */
  kind?: 'item' | 'step';
  /** The item's text or the step's title, for reports a person reads. */
  title?: string;
  category: 'etiquette' | 'knowledge' | 'procedure';
  weight: number;
  status: Exclude<ItemStatus, 'open'>;
  critical?: boolean;
  /** Seconds since the call started. */
  deadline?: number;
  /** When it was done or skipped, seconds since the call started. */
  at?: number;
  reason?: string;
  /** The script step whose skip (with its reason) the item inherited. */
  skippedStep?: string;
  /** Flagged for QA: a critical item was skipped, or a skip its checklist does not allow was logged. */
  review?: true;
}

/** The report `endCall()` resolves and `aa-call-end` carries. */
export interface AdherenceReport {
  callId: string;
  agentId: string;
  /** The call's script, or null when the call ended without one. */
  scriptId: string | null;
  scriptVersion: string | null;
  startedAt: string;
  endedAt: string;
  /** 0–100, one decimal; 0 when a critical item was missed; 100 when nothing counts. */
  score: number;
  criticalFailed: boolean;
  byCategory: Partial<Record<AdherenceItem['category'], number>>;
  items: AdherenceItem[];
  /** Present when an item is flagged `review: true`: QA should look at this call. */
  review?: true;
}
