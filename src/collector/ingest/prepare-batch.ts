/**
 * Turns an ingest request's events into what the store writes: each one checked, kept to the token's
 * agent, and its hash recomputed exactly as the widget computes it (SHA-256 of the RFC 8785 canonical JSON
 * of the event without `hash` and `synced`, through the widget's own serializer and hasher).
 */
import {jsonText} from '../../internal/json-text.js';
import {sha256Hex} from '../../internal/sha256.js';
import type {PreparedEvent, Rejection, TokenRecord} from '../store/collector-store.js';
import {validateEvent} from './validate-event.js';

/** The events to store and those refused already, with how many were refused for their agent. */
export interface PreparedBatch {
  events: PreparedEvent[];
  rejected: Rejection[];
  /** Valid events refused because they belong to another agent than the token's. */
  outOfScope: number;
}

/** Checks, scopes and hashes a batch for `token` (which may ingest: `agent` or `admin`). */
export async function prepareBatch(raw: readonly unknown[], token: TokenRecord): Promise<PreparedBatch> {
  const rejected: Rejection[] = [];
  const valid = [];
  let outOfScope = 0;
  for (const [i, item] of raw.entries()) {
    const checked = validateEvent(item, i);
    if (!checked.ok) {
      rejected.push({eventId: checked.eventId, reason: checked.reason});
    } else if (token.role === 'agent' && checked.event.agentId !== token.agentId) {
      outOfScope++;
      rejected.push({
        eventId: checked.event.eventId,
        reason: `events[${i}]: agentId ${JSON.stringify(checked.event.agentId)} is not this token's agent`,
      });
    } else {
      valid.push(checked);
    }
  }
  // Web Crypto digests run in parallel; the batch is at most 100 events.
  const hashes = await Promise.all(
    valid.map(({event: {hash: _hash, ...content}}) => sha256Hex(jsonText(content, {canonical: true})))
  );
  const events = valid.map(({event, body, clientTs}, i): PreparedEvent => ({
    eventId: event.eventId,
    callId: event.callId,
    agentId: event.agentId,
    seq: event.seq,
    type: event.type,
    clientTs,
    prevHash: event.prevHash,
    hash: event.hash,
    hashOk: hashes[i] === event.hash,
    body,
    data: event.data,
  }));
  return {events, rejected, outOfScope};
}
