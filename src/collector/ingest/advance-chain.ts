/**
 * Chain anchoring, incrementally: from where a call's chain was last checked, walks the stored events
 * that follow (in sequence order) and says whether the call is `intact` (1..n without a gap, every hash
 * and prevHash right), `incomplete` (waiting for the next sequence number) or `broken` (where and why).
 * The same rule as the widget's `verifyChain` (src/storage/event-log.ts); pure.
 */
import type {ChainStatus} from '../store/collector-store.js';

/** The `prevHash` of a call's first event (GENESIS_HASH in src/storage/event-log.ts). */
export const GENESIS_HASH = '0'.repeat(64);

/** How far a call's chain is checked. */
export interface ChainState {
  status: ChainStatus;
  /** Events 1..verifiedSeq are contiguous and check. */
  verifiedSeq: number;
  /** The hash of event `verifiedSeq` (GENESIS_HASH before any). */
  verifiedHash: string;
  /** The sequence number of the call's call-end event, once known. */
  endSeq: number | null;
  brokenAt: string | null;
  brokenReason: string | null;
}

/** A stored event as the walk reads it. */
export interface ChainLink {
  seq: number;
  eventId: string;
  type: string;
  prevHash: string;
  hash: string;
  hashOk: boolean;
}

/** A call's state before any of its events was checked. */
export function newChainState(): ChainState {
  return {
    status: 'incomplete',
    verifiedSeq: 0,
    verifiedHash: GENESIS_HASH,
    endSeq: null,
    brokenAt: null,
    brokenReason: null,
  };
}

/** The state marked broken at `at` (a broken chain stays broken: its first break is what QA needs). */
export function breakChain(state: ChainState, at: string, reason: string): ChainState {
  if (state.status === 'broken') return state;
  return {...state, status: 'broken', brokenAt: at, brokenReason: reason};
}

/**
 * Advances `state` over `links`: the call's stored events with `seq > state.verifiedSeq`, in sequence
 * order (a gap stops the walk; the next ingest resumes from there).
 */
export function advanceChain(state: ChainState, links: readonly ChainLink[]): ChainState {
  if (state.status === 'broken') return state;
  let {verifiedSeq, verifiedHash} = state;
  for (const link of links) {
    if (link.seq <= verifiedSeq) continue;
    if (link.seq !== verifiedSeq + 1) {
      return {...state, status: 'incomplete', verifiedSeq, verifiedHash};
    }
    const at = {...state, verifiedSeq, verifiedHash};
    if (state.endSeq !== null && verifiedSeq >= state.endSeq)
      return breakChain(
        at,
        link.eventId,
        `seq ${link.seq} comes after the call-end event (seq ${state.endSeq})`
      );
    if (!link.hashOk)
      return breakChain(at, link.eventId, `seq ${link.seq}: hash does not match the event's content`);
    if (link.prevHash !== verifiedHash) {
      const why =
        verifiedSeq === 0
          ? 'prevHash of the first event is not the genesis value'
          : `prevHash does not match the hash of seq ${verifiedSeq}`;
      return breakChain(at, link.eventId, `seq ${link.seq}: ${why}`);
    }
    verifiedSeq = link.seq;
    verifiedHash = link.hash;
  }
  return {...state, status: verifiedSeq > 0 ? 'intact' : 'incomplete', verifiedSeq, verifiedHash};
}
