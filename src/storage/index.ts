/**
 * Storage, as one module the rest of the widget loads lazily (`import('../storage/index.js')`): Dexie
 * is the largest dependency, and nothing needs it before the first render.
 */
export {AssistDb} from './assist-db.js';
export type {CallRecord, LogEvent} from './assist-db.js';
export {appendEvent, callEvents, GENESIS_HASH, hashEvent, verifyChain} from './event-log.js';
export type {ChainCheck, NewEvent} from './event-log.js';
