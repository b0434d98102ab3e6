/**
 * The messages between the page and the QA import's worker (widget/log-import-worker.ts): the page sends
 * a file, the worker answers `started`, then the prepared rows in slices, then `done` or `error`.
 */
import type {PreparedImport} from '../calls/prepare-import.js';

/** Calls per `rows` message: small enough that taking one in is a short task on the page. */
export const IMPORT_SLICE = 100;

export interface ImportRequest {
  file: Blob;
  name: string;
}

export type ImportReply =
  | {type: 'started'}
  | {type: 'rows'; calls: PreparedImport['calls']; logs: PreparedImport['logs']}
  | ({type: 'done'} & Omit<PreparedImport, 'calls' | 'logs'>)
  /** `fromFile`: the message names the file and its problem (a LogFileError); otherwise the worker failed. */
  | {type: 'error'; message: string; fromFile: boolean};
