/**
 * Reads one exported log file into the rows its import writes: size checked before reading, nesting
 * before parsing, the schema before anything is used (src/qa/log-file.ts), then chains verified and
 * reports recomputed (prepare-import.ts). The same function runs in the import worker and, where no
 * worker can start, on the page; either way nothing is written here.
 */
import {checkLogFileSize, LogFileError, parseLogFile} from '../qa/log-file.js';
import {prepareImport} from './prepare-import.js';
import type {PreparedImport} from './prepare-import.js';

/** Reads, checks and prepares `file`; throws a LogFileError naming the file and the problem. */
export async function readImportFile(file: Blob, fileName: string): Promise<PreparedImport> {
  checkLogFileSize(file.size, fileName);
  let text: string;
  try {
    text = await file.text();
  } catch (err) {
    throw new LogFileError(fileName, '', `could not be read (${(err as Error).message})`);
  }
  return prepareImport(parseLogFile(text, fileName), fileName);
}
