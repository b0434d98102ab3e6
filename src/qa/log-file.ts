import {jsonText} from '../internal/json-text.js';
import type {CallRecord, LogEvent} from '../model/call-log.js';
/**
 * The exported log file: JSON that keeps every event's hash chain (so a QA tool can verify it offline)
 * and the calls' pinned content (so their reports can be recomputed from the events), and CSV for
 * spreadsheets. Parsing an imported file checks its shape and names the file and the problem.
 */

export const LOG_FILE_FORMAT = 'agent-assist-log';
export const LOG_FILE_VERSION = 1;

/** An exported event: the stored record without the local upload flag. */
export type ExportedEvent = Omit<LogEvent, 'synced'>;

/** The JSON export. */
export interface LogFile {
  format: typeof LOG_FILE_FORMAT;
  version: number;
  exportedAt: string;
  calls: CallRecord[];
  events: ExportedEvent[];
}

export function toLogFile(calls: readonly CallRecord[], events: readonly LogEvent[], now: Date): LogFile {
  return {
    format: LOG_FILE_FORMAT,
    version: LOG_FILE_VERSION,
    exportedAt: now.toISOString(),
    calls: [...calls],
    events: events.map(({synced: _synced, ...e}) => e),
  };
}

const CSV_COLUMNS = [
  'callId',
  'seq',
  'type',
  'agentId',
  'clientTs',
  'offset',
  'data',
  'packVersion',
  'eventId',
  'prevHash',
  'hash',
] as const;

/** One CSV cell: quoted when needed; text a spreadsheet would run as a formula is defused with `'`. */
function csvCell(value: unknown): string {
  let text = typeof value === 'string' ? value : value === undefined ? '' : jsonText(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Events as CSV (RFC 4180, CRLF line ends), one row per event, `data` as JSON. */
export function eventsToCsv(events: readonly ExportedEvent[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const e of events) rows.push(CSV_COLUMNS.map((c) => csvCell(e[c])).join(','));
  return rows.join('\r\n') + '\r\n';
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * An export as a file: `json`, the calls whole with all their events (verifiable and re-scorable
 * offline); `csv`, one row per event of `csvEvents` (by default all of them).
 */
export function logFileBlob(
  format: 'json' | 'csv',
  calls: readonly CallRecord[],
  events: readonly LogEvent[],
  csvEvents: readonly LogEvent[] = events
): Blob {
  if (format === 'csv') return new Blob([eventsToCsv(csvEvents)], {type: 'text/csv;charset=utf-8'});
  return new Blob([jsonText(toLogFile(calls, events, new Date()))], {type: 'application/json'});
}

/** Parses an exported JSON file; throws an Error naming the file and what is wrong. */
export function parseLogFile(text: string, fileName: string): LogFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${fileName}: not JSON (${(err as Error).message})`);
  }
  if (!isObject(data) || data.format !== LOG_FILE_FORMAT) {
    throw new Error(`${fileName}: expected an agent-assist log export (format "${LOG_FILE_FORMAT}")`);
  }
  if (data.version !== LOG_FILE_VERSION) {
    throw new Error(
      `${fileName}: log file version ${String(data.version)}; this build reads version ${LOG_FILE_VERSION}`
    );
  }
  if (!Array.isArray(data.calls) || !Array.isArray(data.events)) {
    throw new Error(`${fileName}: expected "calls" and "events" lists`);
  }
  data.calls.forEach((c, i) => {
    if (
      !isObject(c) ||
      typeof c.callId !== 'string' ||
      typeof c.agentId !== 'string' ||
      typeof c.startedAt !== 'string'
    )
      throw new Error(`${fileName}: calls[${i}] needs callId, agentId and startedAt`);
  });
  data.events.forEach((e, i) => {
    if (
      !isObject(e) ||
      typeof e.callId !== 'string' ||
      typeof e.eventId !== 'string' ||
      typeof e.type !== 'string' ||
      !Number.isInteger(e.seq) ||
      typeof e.offset !== 'number' ||
      typeof e.hash !== 'string' ||
      typeof e.prevHash !== 'string' ||
      !isObject(e.data)
    )
      throw new Error(
        `${fileName}: events[${i}] is not a logged event (needs callId, eventId, seq, type, offset, data, hashes)`
      );
  });
  return data as unknown as LogFile;
}
