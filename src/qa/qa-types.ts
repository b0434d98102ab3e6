/**
 * The data the QA view works on: a call's events as its timeline shows them, and the filters a QA lead applies. Plain JSON objects: local calls and imported team files look alike.
 */

/** One logged event as the timeline shows it (a subset of the stored record). */
export interface QaTimelineEvent {
  seq: number;
  type: string;
  /** Seconds since the call started (monotonic). */
  offset: number;
  clientTs: string;
  data: Record<string, unknown>;
}

/** Filters of the QA view; absent means "any". Days are local `YYYY-MM-DD`, both ends included. */
export interface QaFilter {
  agentId?: string;
  scriptId?: string;
  from?: string;
  to?: string;
}
