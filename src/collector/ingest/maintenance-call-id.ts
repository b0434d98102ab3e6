/**
 * The widget's maintenance pseudo-call (MAINTENANCE_CALL_ID in src/session/purge-expired.ts): every browser
 * logs its retention purges in a chain of its own under this one id, so the collector stores those
 * events (deduplicated by event id) but cannot anchor them as one call's chain.
 */
export const MAINTENANCE_CALL_ID = 'log-maintenance';
