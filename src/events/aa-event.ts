/**
 * The public events of `<agent-assist>` (names and details fixed by the contract) and one factory that
 * makes them bubble and cross shadow roots, so a host can listen on the element or on `document`.
 */

/** Why something the host should know about went wrong. */
export type AaErrorCode =
  | 'invalid-attribute'
  | 'invalid-argument'
  | 'not-available'
  | 'pack-unavailable'
  | 'pack-invalid'
  /** The browser's storage is full: the action was not logged (and not shown as done). */
  | 'storage-full'
  /** The local log was deleted or replaced under the running widget. */
  | 'log-lost'
  /** Another database failure: the action was not logged. */
  | 'storage-failed'
  /** The browser does not allow a local database here (private mode, blocked storage): no call can be logged. */
  | 'storage-unavailable'
  /** `sync-url` cannot be used as configured (no receiver there, or the page's CSP forbids it); events are kept. */
  | 'sync-misconfigured'
  /**
   * The page's CSP `trusted-types` directive refused the widget's Trusted Types policies (the message names
   * them): without `agent-assist-lit` the widget cannot be shown (its methods still work), without
   * `agent-assist` articles show as plain text and search runs on the page. Once per element.
   */
  | 'trusted-types-blocked'
  /**
   * Iframe mode: the frame ignored a `postMessage` (from an origin not in its `allowed-origins`, from a
   * window other than the page embedding it, or sent to its window instead of its MessagePort); once
   * per origin.
   */
  | 'bridge-refused';

import type {AdherenceReport, ItemStatus} from '../model/report.js';

/** Event name → `detail` type, for every public event. `null` means "none" throughout. */
export interface AaEventDetailMap {
  /** A call session started (`scriptId` null when the agent picks the script). */
  'aa-call-start': {callId: string; scriptId: string | null; scriptVersion: string | null};
  /** The script moved (`stepId` null once it has ended; `previousStepId` null at its first step). */
  'aa-step-change': {callId: string; stepId: string | null; previousStepId: string | null};
  /** An item was ticked, unticked or skipped; `status` is the item's standing now, as in `getCall()`. */
  'aa-checklist-change': {callId: string; itemId: string; status: ItemStatus; reason?: string};
  /** A call ended: its adherence report. */
  'aa-call-end': AdherenceReport;
  'aa-article-open': {articleId: string; from: 'search' | 'script' | 'api'};
  /** A search typed in the view ran (debounced): the query and how many results it found. */
  'aa-search': {query: string; resultCount: number};
  /**
   * The agent gave feedback on an article (one key in the article view), with an optional comment. Logged
   * like every other event (with the call, or between calls in the log's maintenance chain) and uploaded.
   */
  'aa-article-feedback': {
    articleId: string;
    rating: 'helpful' | 'outdated' | 'wrong' | 'missing';
    comment?: string;
  };
  'aa-content-update': {contentHash: string; appliedAt?: string};
  'aa-sync-state': {pending: number; deadLetters: number; lastSyncedAt?: string; lastError?: string};
  'aa-error': {code: AaErrorCode; message: string};
}

export type AaEventName = keyof AaEventDetailMap;

/** Creates a public event: bubbling and `composed`, with a typed `detail`. */
export function createAaEvent<K extends AaEventName>(
  name: K,
  detail: AaEventDetailMap[K]
): CustomEvent<AaEventDetailMap[K]> {
  return new CustomEvent(name, {detail, bubbles: true, composed: true});
}

// On the map every element and the document share, so `document.addEventListener('aa-call-end', …)` is
// typed as well as the element's own listeners.
declare global {
  interface GlobalEventHandlersEventMap {
    'aa-call-start': CustomEvent<AaEventDetailMap['aa-call-start']>;
    'aa-step-change': CustomEvent<AaEventDetailMap['aa-step-change']>;
    'aa-checklist-change': CustomEvent<AaEventDetailMap['aa-checklist-change']>;
    'aa-call-end': CustomEvent<AaEventDetailMap['aa-call-end']>;
    'aa-article-open': CustomEvent<AaEventDetailMap['aa-article-open']>;
    'aa-search': CustomEvent<AaEventDetailMap['aa-search']>;
    'aa-article-feedback': CustomEvent<AaEventDetailMap['aa-article-feedback']>;
    'aa-content-update': CustomEvent<AaEventDetailMap['aa-content-update']>;
    'aa-sync-state': CustomEvent<AaEventDetailMap['aa-sync-state']>;
    'aa-error': CustomEvent<AaEventDetailMap['aa-error']>;
  }
}
