/**
 * The messages between the page and the QA import's worker (widget/log-import-worker.ts). The page sends
 * a file and, when its log is a durable IndexedDB database, that database's name and epoch: the worker
 * then reads, checks, prepares and writes the file itself, and the page's main thread does none of it.
 * With an in-memory log (which a worker cannot reach) the worker sends the prepared rows back in slices
 * for the page to write.
 */
import type {PreparedImport} from '../calls/prepare-import.js';
import type {ImportResult} from '../storage/log-queries.js';

/** Calls per `rows` message: small enough that taking one in is a short task on the page. */
export const IMPORT_SLICE = 50;

/** Where the worker writes: the page's database, checked to be the one it opened (its epoch). */
export interface ImportTarget {
  dbName: string;
  epoch?: string;
}

export interface ImportRequest {
  file: Blob;
  name: string;
  target: ImportTarget | null;
}

export type ImportReply =
  | {type: 'started'}
  | {type: 'rows'; calls: PreparedImport['calls']; logs: PreparedImport['logs']}
  /** Prepared, for the page to write (no target). */
  | ({type: 'prepared'} & Omit<PreparedImport, 'calls' | 'logs'>)
  /** Written to the target. */
  | {type: 'written'; result: ImportResult}
  /** Refused or failed: the message names the file and the problem, and says nothing changed. */
  | {type: 'error'; message: string};
