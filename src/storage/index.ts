/**
 * Storage, as one module the rest of the widget loads lazily (`import('../storage/index.js')`): Dexie
 * is the largest dependency, and nothing needs it before the first render.
 */
export {AssistDb, EPOCH_KEY} from './assist-db.js';
export {openMemoryDb} from './memory-db.js';
export type {MetaRow} from './assist-db.js';
export {appendEvent, callEvents, callEventsAfter, GENESIS_HASH, hashEvent, verifyChain} from './event-log.js';
export type {AppendOptions, NewEvent} from './event-log.js';
export {isQuotaError, logLostError, StorageError, toStorageError} from './storage-error.js';
export type {StorageErrorCode} from './storage-error.js';
export {
  clearImports,
  deleteCalls,
  expiredCalls,
  importLogFile,
  listQaCalls,
  qaCallEvents,
  recordsForQaCalls,
  selectForExport,
  verifyLogChains,
  writeImport,
} from './log-queries.js';
export type {ImportResult} from './log-queries.js';
export {deadLetters, markRefused, markUploaded, outboxCounts, pendingEvents} from './outbox.js';
