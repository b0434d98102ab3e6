/**
 * The exported log file: JSON that keeps every event's hash chain (so a QA tool can verify it offline)
 * and the calls' pinned content (so their reports can be recomputed from the events), and CSV for
 * spreadsheets. Parsing an imported file checks it against the file's JSON Schema, with limits on size
 * and nesting, and names the file, the path in it and the problem.
 */
import {jsonText} from '../internal/json-text.js';
import type {CallRecord, LogEvent} from '../model/call-log.js';
import {checkJson} from './check-json.js';
import {nestingTooDeep} from './json-nesting.js';
import {LOG_FILE_SCHEMA} from './log-file-schema.js';

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

/** The largest file the QA import reads (a collector export of 10,000 calls is about 100 MB). */
export const MAX_LOG_FILE_BYTES = 160 * 1024 * 1024;
/** The deepest nesting a log file may have: a valid one nests about 8 levels (a call's script's steps' branches). */
export const MAX_LOG_FILE_DEPTH = 32;

/** A file the import refuses: the message names the file, where in it (`calls[151].items`) and what is wrong. */
export class LogFileError extends Error {
  /** Where in the file, `''` for the file as a whole. */
  readonly path: string;
  constructor(fileName: string, path: string, problem: string) {
    super(`${fileName}: ${path === '' ? '' : `${path}: `}${problem}`);
    this.name = 'LogFileError';
    this.path = path;
  }
}

const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Throws a {@link LogFileError} when a file of `bytes` is over the import's size limit. */
export function checkLogFileSize(bytes: number, fileName: string): void {
  if (bytes > MAX_LOG_FILE_BYTES)
    throw new LogFileError(
      fileName,
      '',
      `the file is ${mb(bytes)}; the import reads files up to ${mb(MAX_LOG_FILE_BYTES)} (export fewer calls per file)`
    );
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses an exported JSON file and checks it against the log file's schema (src/qa/log-file-schema.ts)
 * before anything uses it; throws a {@link LogFileError} naming the file, the path in it and what was
 * expected. Size and nesting are checked on the text, before parsing.
 */
export function parseLogFile(text: string, fileName: string): LogFile {
  // UTF-16 length: at most the byte size for ASCII, so a file over the limit in bytes may pass here only
  // when most of it is not ASCII (the caller checks the file's bytes first).
  checkLogFileSize(text.length, fileName);
  const deep = nestingTooDeep(text, MAX_LOG_FILE_DEPTH);
  if (deep)
    throw new LogFileError(
      fileName,
      '',
      `nested deeper than ${MAX_LOG_FILE_DEPTH} levels (at line ${deep.line}, column ${deep.column}); an exported log nests about 8`
    );
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new LogFileError(fileName, '', `not JSON (${(err as Error).message})`);
  }
  if (!isObject(data) || data.format !== LOG_FILE_FORMAT) {
    throw new LogFileError(fileName, '', `expected an agent-assist log export (format "${LOG_FILE_FORMAT}")`);
  }
  if (typeof data.version === 'number' && data.version !== LOG_FILE_VERSION) {
    throw new LogFileError(
      fileName,
      '',
      `log file version ${data.version}; this build reads version ${LOG_FILE_VERSION}`
    );
  }
  const problem = checkJson(data, LOG_FILE_SCHEMA);
  if (problem) throw new LogFileError(fileName, problem.path, problem.message);
  const file = data as unknown as LogFile;
  // Beyond the schema: one entry per call, or the import would say "2 calls imported" and show one.
  const first = new Map<string, number>();
  file.calls.forEach((call, i) => {
    const earlier = first.get(call.callId);
    if (earlier !== undefined)
      throw new LogFileError(
        fileName,
        `calls[${i}].callId`,
        `the call "${call.callId}" is listed twice (first as calls[${earlier}])`
      );
    first.set(call.callId, i);
  });
  return file;
}
