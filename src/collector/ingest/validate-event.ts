/**
 * Checks one uploaded event against the upload protocol (src/sync/upload-protocol.schema.json) and the
 * collector's size limits, and says exactly what is wrong, so one bad event is refused with a reason
 * while the rest of its batch is stored.
 */
import {jsonText} from '../../internal/json-text.js';
import type {LogEvent} from '../../model/call-log.js';

/** The largest event accepted, as canonical JSON (a retention purge lists its call ids). */
export const MAX_EVENT_BYTES = 64 * 1024;
const MAX_ID_LENGTH = 128;
const MAX_TYPE_LENGTH = 64;
/** Sequence numbers are stored as 32-bit integers. */
const MAX_SEQ = 2_147_483_647;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_HASH = /^[0-9a-f]{64}$/;
/** RFC 3339 date-time, as `new Date().toISOString()` writes it (any offset and precision accepted). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** An event that passed: its content (without `synced`) and its canonical JSON. */
export interface ValidEvent {
  ok: true;
  event: Omit<LogEvent, 'synced'>;
  /** RFC 8785 canonical JSON of `event` (with `hash`). */
  body: string;
  /** `clientTs` as ISO UTC. */
  clientTs: string;
}

export interface InvalidEvent {
  ok: false;
  eventId: string;
  reason: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function idProblem(value: unknown, name: string): string | null {
  if (typeof value !== 'string') return `${name} must be a string`;
  if (value.length < 1 || value.length > MAX_ID_LENGTH)
    return `${name} must be 1 to ${MAX_ID_LENGTH} characters`;
  // Stored as a text column, which in PostgreSQL cannot hold NUL.
  if (value.includes('\u0000')) return `${name} must not contain NUL characters`;
  return null;
}

/** The first thing wrong with `e`, or null. */
function problem(e: Record<string, unknown>): string | null {
  if (typeof e.eventId !== 'string' || !UUID.test(e.eventId)) return 'eventId must be a UUID';
  const id = idProblem(e.callId, 'callId') ?? idProblem(e.agentId, 'agentId');
  if (id) return id;
  if (typeof e.seq !== 'number' || !Number.isInteger(e.seq) || e.seq < 1 || e.seq > MAX_SEQ)
    return `seq must be an integer from 1 to ${MAX_SEQ}`;
  if (
    typeof e.type !== 'string' ||
    e.type.length < 1 ||
    e.type.length > MAX_TYPE_LENGTH ||
    e.type.includes('\u0000')
  )
    return `type must be a string of 1 to ${MAX_TYPE_LENGTH} characters`;
  if (!isObject(e.data)) return 'data must be an object';
  if (typeof e.clientTs !== 'string' || !DATE_TIME.test(e.clientTs) || Number.isNaN(Date.parse(e.clientTs)))
    return 'clientTs must be an RFC 3339 date-time';
  for (const key of ['clientMono', 'offset'] as const) {
    if (typeof e[key] !== 'number' || !Number.isFinite(e[key])) return `${key} must be a finite number`;
  }
  if (typeof e.packVersion !== 'string' || e.packVersion.length > MAX_ID_LENGTH)
    return `packVersion must be a string of at most ${MAX_ID_LENGTH} characters`;
  for (const key of ['prevHash', 'hash'] as const) {
    if (typeof e[key] !== 'string' || !HEX_HASH.test(e[key])) return `${key} must be 64 lowercase hex digits`;
  }
  // `synced` is the sender's upload state, which the protocol says to ignore; only its type is checked.
  if (e.synced !== undefined && e.synced !== 0 && e.synced !== 1 && e.synced !== 2)
    return 'synced must be 0, 1 or 2';
  return null;
}

/** Checks `raw`, the `index`-th event of a batch. */
export function validateEvent(raw: unknown, index: number): ValidEvent | InvalidEvent {
  const at = `events[${index}]`;
  if (!isObject(raw)) return {ok: false, eventId: '', reason: `${at} is not an object`};
  const eventId = typeof raw.eventId === 'string' ? raw.eventId.slice(0, MAX_ID_LENGTH) : '';
  const wrong = problem(raw);
  if (wrong) return {ok: false, eventId, reason: `${at}: ${wrong}`};
  const {synced: _synced, ...event} = raw;
  let body: string;
  try {
    body = jsonText(event, {canonical: true});
  } catch (err) {
    return {
      ok: false,
      eventId,
      reason: `${at}: not representable as canonical JSON (${(err as Error).message})`,
    };
  }
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > MAX_EVENT_BYTES)
    return {ok: false, eventId, reason: `${at}: ${bytes} bytes; at most ${MAX_EVENT_BYTES} per event`};
  return {
    ok: true,
    event: event as unknown as Omit<LogEvent, 'synced'>,
    body,
    clientTs: new Date(raw.clientTs as string).toISOString(),
  };
}
