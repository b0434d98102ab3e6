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
  | 'storage-unavailable';

import type {AdherenceReport} from '../model/report.js';

/** Event name → `detail` type, for every public event. */
export interface AaEventDetailMap {
  'aa-call-start': {callId: string; scriptId: string; scriptVersion: string};
  'aa-step-change': {callId: string; stepId: string; previousStepId: string | null};
  'aa-checklist-change': {callId: string; itemId: string; status: string; reason?: string};
  'aa-call-end': AdherenceReport;
  'aa-article-open': {articleId: string; from: 'search' | 'script' | 'api'};
  'aa-search': {query: string; resultCount: number};
  'aa-content-update': {contentHash: string; appliedAt?: string};
  'aa-sync-state': {pending: number; lastError?: string};
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

declare global {
  interface HTMLElementEventMap {
    'aa-call-start': CustomEvent<AaEventDetailMap['aa-call-start']>;
    'aa-step-change': CustomEvent<AaEventDetailMap['aa-step-change']>;
    'aa-checklist-change': CustomEvent<AaEventDetailMap['aa-checklist-change']>;
    'aa-call-end': CustomEvent<AaEventDetailMap['aa-call-end']>;
    'aa-article-open': CustomEvent<AaEventDetailMap['aa-article-open']>;
    'aa-search': CustomEvent<AaEventDetailMap['aa-search']>;
    'aa-content-update': CustomEvent<AaEventDetailMap['aa-content-update']>;
    'aa-sync-state': CustomEvent<AaEventDetailMap['aa-sync-state']>;
    'aa-error': CustomEvent<AaEventDetailMap['aa-error']>;
  }
}
