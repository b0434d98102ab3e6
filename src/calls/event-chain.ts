/**
 * The per-call hash chain of the event log, pure: an event's hash is the SHA-256 of its RFC 8785 canonical
 * JSON (without `hash` and the local `synced` flag), and each event holds the previous one's hash. Used
 * by the log as it appends, and to verify a stored call or an imported file (on the page or in the
 * import worker).
 */
import {jsonText} from '../internal/json-text.js';
import {sha256Hex} from '../internal/sha256.js';
import {yieldToPage} from '../internal/yield-to-page.js';
import type {ChainCheck, LogEvent} from '../model/call-log.js';

/** The `prevHash` of a call's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hash of an event: SHA-256 of its canonical JSON without `hash` and `synced`. */
export function hashEvent(event: Omit<LogEvent, 'hash' | 'synced'>): Promise<string> {
  // RFC 8785 text the host page cannot change (no patched toJSON reaches it).
  return sha256Hex(jsonText(event, {canonical: true}));
}

/** Events hashed together while verifying a chain. */
const VERIFY_BATCH = 256;

/**
 * Verifies one call's chain: sequence 1..n without gaps, each prevHash equal to the previous hash, and
 * each hash equal to the hash of the record's content. Finds edits, deletions, insertions and reorders.
 */
export async function verifyChain(
  events: readonly (Omit<LogEvent, 'synced'> & {synced?: LogEvent['synced']})[]
): Promise<ChainCheck> {
  let prev = GENESIS_HASH;
  let checked = 0;
  for (let start = 0; start < events.length; start += VERIFY_BATCH) {
    await yieldToPage();
    const batch = events.slice(start, start + VERIFY_BATCH);
    // Web Crypto digests run off the main thread: ask for a batch at once instead of one after another.
    const hashes = await Promise.all(
      batch.map(({hash: _hash, synced: _synced, ...content}) => hashEvent(content))
    );
    for (const [j, e] of batch.entries()) {
      const i = start + j;
      if (e.seq !== i + 1) return {ok: false, checked, brokenAt: `seq ${i + 1}`};
      if (e.prevHash !== prev || hashes[j] !== e.hash) return {ok: false, checked, brokenAt: e.eventId};
      prev = e.hash;
      checked++;
    }
  }
  return {ok: true, checked};
}
