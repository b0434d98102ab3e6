/**
 * The collector's one database port: everything the HTTP routes, the CLI and the retention job ask of the
 * database, as one small interface with two adapters (SQLite embedded, PostgreSQL). Types only.
 */
import type {SignalEvent} from '../../health/knowledge-events.js';
import type {KnowledgeEventFilter} from './knowledge-queries.js';
import type {AdherenceReport} from '../../model/report.js';
import type {CallRecord} from '../../model/call-log.js';
import type {ExportedEvent} from '../../qa/log-file.js';
import type {QaMissedItem, QaTrendPoint} from '../../qa/aggregate-calls.js';

/** What a token may do: `agent` ingests for its own agent id, `qa` reads a team (or `*`), `admin` all. */
export type Role = 'agent' | 'qa' | 'admin';

/** A token as listed: never its secret nor the secret's hash. */
export interface TokenRecord {
  id: string;
  role: Role;
  /** The agent an `agent` token ingests for; null for other roles. */
  agentId: string | null;
  /** `qa`: the team it reads (`*` for all); `agent`: the agent's team, if given; `admin`: null. */
  team: string | null;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** A call's chain as the collector has checked it. */
export type ChainStatus = 'intact' | 'incomplete' | 'broken';

/** One event of an ingest request, checked, scoped and hashed: ready to store. */
export interface PreparedEvent {
  eventId: string;
  callId: string;
  agentId: string;
  seq: number;
  type: string;
  /** `clientTs` normalized to ISO UTC, for ordering and day buckets. */
  clientTs: string;
  prevHash: string;
  hash: string;
  /** Whether `hash` is the SHA-256 of the event's canonical content, as recomputed here. */
  hashOk: boolean;
  /** The event without `synced`, as RFC 8785 canonical JSON: what is stored and compared on re-upload. */
  body: string;
  data: Record<string, unknown>;
}

/** An event refused for good, and why (the widget moves it to its dead-letter list). */
export interface Rejection {
  eventId: string;
  reason: string;
}

/** The answer to an ingest, given after the transaction committed. */
export interface IngestResult {
  accepted: string[];
  duplicates: string[];
  rejected: Rejection[];
}

/** Filters of the QA read APIs. Times are ISO UTC bounds on the call's start: `from` included, `to` not. */
export interface CallFilter {
  agentId?: string;
  scriptId?: string;
  from?: string;
  to?: string;
  status?: ChainStatus;
  /** The reader's team; undefined reads every team. */
  team?: string;
}

/** A call as the QA list shows it. */
export interface CallRow {
  callId: string;
  /**
   * How far the agent's clock was behind the collector's (ms; negative: ahead), the smallest
   * arrival − `clientTs` over the call's events. `startedAt` is the agent's clock; this puts it right.
   */
  clockOffsetMs: number | null;
  agentId: string;
  team: string | null;
  scriptId: string | null;
  scriptTitle: string | null;
  startedAt: string;
  endedAt: string | null;
  outcome: string | null;
  status: ChainStatus;
  /** The chain is checked through this sequence number; `incomplete` waits for the next one. */
  verifiedSeq: number;
  maxSeq: number;
  eventCount: number;
  /** Where the chain broke: an event id, or `seq N`. */
  brokenAt: string | null;
  brokenReason: string | null;
  /** Null until the call ended and could be scored. */
  score: number | null;
  criticalFailed: boolean | null;
}

/** Where a page of the QA list ends (the list is ordered by start time, then call id, newest first). */
export interface CallCursor {
  startedAt: string;
  callId: string;
}

/** One page of the QA list, newest first. */
export interface CallPage {
  calls: CallRow[];
  /** Where the next page starts; null on the last one. */
  next: CallCursor | null;
}

/** A call with its report and its events in sequence order. */
export interface CallDetail {
  call: CallRow & {report: AdherenceReport | null; reportSource: 'log' | 'event' | null};
  events: ExportedEvent[];
}

/** Score statistics of a group of scored calls. */
export interface ScoreStats {
  count: number;
  meanScore: number | null;
  criticalFailures: number;
}

/** The QA aggregates over the scored calls that pass a filter. */
export interface Aggregates extends ScoreStats {
  /** One entry per UTC day that has calls, oldest first. */
  trend: QaTrendPoint[];
  byCategory: Partial<Record<'etiquette' | 'knowledge' | 'procedure', number>>;
  mostMissed: QaMissedItem[];
  byAgent: (ScoreStats & {agentId: string})[];
  byScript: (ScoreStats & {scriptId: string | null; title: string | null})[];
}

/** Pinned content a call can be scored against, keyed by the `pinHash` its call-start event carries. */
export interface Pin {
  pinHash: string;
  scriptId: string | null;
  scriptVersion: string | null;
  scriptTitle: string | null;
  /** `{script, items}` as JSON. */
  content: string;
}

/** A call exported whole: its record (pinned content when known) and its events. */
export interface ExportedCall {
  record: CallRecord;
  events: ExportedEvent[];
}

/** What one retention batch deleted. */
export interface RetentionBatch {
  calls: number;
  events: number;
}

export interface CollectorStore {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Applies the migrations not applied yet (up to version `upTo`, all by default: a test upgrades an older
   * schema holding data); resolves the versions it applied.
   */
  migrate(upTo?: number): Promise<number[]>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;

  /** Stores a batch in one transaction: deduplicates, anchors chains, scores ended calls; then resolves. */
  ingest(events: PreparedEvent[], receivedAt: string): Promise<IngestResult>;

  insertToken(token: TokenRecord, secretHash: string): Promise<void>;
  /** Inserts `token` only when no token was ever issued (once per database, race-free); says whether. */
  insertFirstToken(token: TokenRecord, secretHash: string): Promise<boolean>;
  /** The live (not revoked) token with this secret hash. */
  tokenBySecretHash(secretHash: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  /** Resolves false when there is no such live token. */
  revokeToken(id: string, at: string): Promise<boolean>;

  /** Adds pinned content (known pins are kept); resolves how many were new. */
  addPins(pins: Pin[], at: string): Promise<number>;
  /** Scores ended calls that could not be scored before (their pin arrived later); resolves how many. */
  rescorePending(): Promise<number>;

  listCalls(filter: CallFilter, limit: number, after: CallCursor | null): Promise<CallPage>;
  getCall(callId: string, team: string | undefined): Promise<CallDetail | null>;
  /** `tzOffset`: minutes east of UTC of the time zone whose days the trend counts (default 0, UTC). */
  aggregates(filter: CallFilter, tzOffset?: number): Promise<Aggregates>;
  /** Ids of the calls a filter selects, newest first, at most `limit`. */
  exportCallIds(filter: CallFilter, limit: number): Promise<string[]>;
  exportCalls(callIds: string[]): Promise<ExportedCall[]>;

  /** Deletes one batch of calls (whole, with their events) and maintenance events last received before `cutoff`. */
  deleteExpired(cutoff: string, maxEvents: number): Promise<RetentionBatch>;

  /** The knowledge signals (feedback, search sessions, articles opened) in a period, for the knowledge-health report. */
  knowledgeEvents(filter: KnowledgeEventFilter): Promise<SignalEvent[]>;

  /** How many events and calls are stored (for tests and operators; a full count, not for hot paths). */
  counts(): Promise<{events: number; calls: number}>;

  close(): Promise<void>;
}
