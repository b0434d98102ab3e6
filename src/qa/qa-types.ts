/**
 * The data the QA view works on: one entry per ended call (its adherence report and where it came from),
 * and the filters a QA lead applies. Plain JSON objects: local calls and imported team files look alike.
 */
import type {AdherenceReport} from '../events/aa-event.js';

/** The result of checking one call's hash chain. */
export interface QaChainCheck {
  ok: boolean;
  checked: number;
  /** The eventId (or `seq N` for a gap) where the chain breaks. */
  brokenAt?: string;
}

/** An ended call as the QA view lists it. */
export interface QaCall {
  /** `local` for this browser's own log, else the name of the imported file. */
  source: string;
  report: AdherenceReport;
  /** The script's title when known (else the view shows `report.scriptId`). */
  scriptTitle: string;
  /** The outcome the host passed to endCall, if any. */
  outcome?: string;
  eventCount: number;
  chain: QaChainCheck;
}

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
