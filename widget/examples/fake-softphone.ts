/**
 * A stand-in softphone for the examples and tests: each method reports one call event to its listeners at
 * once, as a vendor SDK's callbacks would. A real adapter wraps the vendor's events the same way.
 */
import type {SoftphoneCall, SoftphoneEvent, SoftphoneEventSource} from './softphone-adapter.js';

export class FakeSoftphone implements SoftphoneEventSource {
  private readonly _listeners = new Set<(event: SoftphoneEvent) => void>();

  subscribe(listener: (event: SoftphoneEvent) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** A call comes in (still in the IVR, or offered to the agent). */
  ring(call: SoftphoneCall): void {
    this._report({type: 'ringing', call});
  }

  /** The agent picks up. */
  answer(callId: string): void {
    this._report({type: 'answered', callId});
  }

  /** The IVR has played the recording notice (before or after the agent picked up). */
  playDisclosure(callId: string): void {
    this._report({type: 'disclosure-played', callId});
  }

  /** The call ends, e.g. `customer hung up`, `agent hung up`, `abandoned in queue`. */
  hangUp(callId: string, reason?: string): void {
    this._report(reason === undefined ? {type: 'ended', callId} : {type: 'ended', callId, reason});
  }

  private _report(event: SoftphoneEvent): void {
    for (const listener of this._listeners) listener(event);
  }
}
