/**
 * The records of the call log, shared by every layer (types only): a call with what it pinned, one
 * logged event, a chain check, and the summary row the QA view lists. Storage keeps them in IndexedDB,
 * the log file format exports them, the call state is derived from them.
 */
import type {PackChecklistItem, PackScript} from '../content/pack-types.js';
import type {AdherenceReport} from './report.js';

/** A checklist item as a call holds it: the item plus the checklist it came from. */
export interface CallItem extends PackChecklistItem {
  checklistId: string;
  checklistTitle: string;
}

/** The result of checking a hash chain. */
export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The eventId (or `<callId> seq N` for a gap) where the chain breaks. */
  brokenAt?: string;
  /** Not broken, but not whole yet: the collector still waits for earlier events of the call. */
  incomplete?: boolean;
}

/** A call session. `script` and `items` pin the call's content for the whole call, whatever the pack does. */
export interface CallRecord {
  callId: string;
  agentId: string;
  status: 'active' | 'ended';
  /** Wall-clock start (ISO), advisory. */
  startedAt: string;
  /** Monotonic start: `performance.timeOrigin + performance.now()` in the tab that started the call. */
  startedMono: number;
  endedAt?: string;
  packHash: string;
  scriptId: string | null;
  script: PackScript | null;
  /** The checklist items of the call (v2; calls logged by v1 have none). */
  items: CallItem[];
  /** Set when the call ends (v2). */
  report?: AdherenceReport;
  outcome?: string;
  eventCount?: number;
  /** The chain check made when the call ended (v2). */
  chain?: ChainCheck;
}

/** One thing that happened, append-only, hash-chained per call. Never holds customer data. */
export interface LogEvent {
  eventId: string;
  callId: string;
  agentId: string;
  /** 1, 2, 3… per call, without gaps. */
  seq: number;
  type: string;
  /** Event-specific details (ids, reasons), never the host's context. */
  data: Record<string, unknown>;
  clientTs: string;
  clientMono: number;
  /** Seconds since the call started (monotonic). */
  offset: number;
  packVersion: string;
  prevHash: string;
  hash: string;
  /**
   * Upload state (indexed: the outbox is this table): 0 waiting, 1 acknowledged by the receiver, 2 refused
   * by it for good (in the dead-letter list, with the reason, for the agent and QA to see).
   */
  synced: 0 | 1 | 2;
}

/** An event the receiver refused for good (400/422, or too large alone): kept, shown, never resent. */
export interface DeadLetter {
  eventId: string;
  callId: string;
  /** What the receiver said (or why the widget gave up on it). */
  reason: string;
  /** When it was refused (ISO). */
  at: string;
}

/** An ended call as the QA view lists it: local calls and imported team files look alike. */
export interface QaCall {
  /** `local` for this browser's own log, else the name of the imported file. */
  source: string;
  report: AdherenceReport;
  /** The script's title when known (else the view shows `report.scriptId`). */
  scriptTitle: string;
  /** The outcome the host passed to endCall, if any. */
  outcome?: string;
  eventCount: number;
  chain: ChainCheck;
}

/**
 * An ended local call as the QA view lists it, written with the call's last event: listing thousands of
 * calls reads these, not the call records (each of which pins a whole script).
 */
export interface CallSummary extends QaCall {
  callId: string;
}

/**
 * A call from an imported log file (QA review of a team), kept apart from this browser's own log: what
 * the QA list needs. Its events (and pinned call record) are kept apart, its script once per file and content, so
 * listing thousands of calls reads reports, not logs.
 */
export interface ImportedCall extends QaCall {
  callId: string;
  agentId: string;
  startedAt: string;
}

/**
 * An imported call's log: its record (script left out, stored once per file and content) and events.
 */
export interface ImportedLog {
  source: string;
  callId: string;
  call: CallRecord;
  events: LogEvent[];
  /**
   * The key of the call's script among its file's scripts ({@link ImportedScript}): the SHA-256 of the
   * script's canonical JSON. Absent on calls imported before scripts were kept per file (their key is
   * `version:<scriptVersion>`) and on calls without a script.
   */
  scriptKey?: string;
}

/**
 * A script pinned by imported calls, kept once per file and content: two files (or two calls of one file)
 * with the same script version but other content each keep their own.
 */
export interface ImportedScript {
  source: string;
  key: string;
  script: PackScript;
}
