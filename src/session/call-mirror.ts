/**
 * Tells the other tabs of this browser when this tab wrote to a call, and hears when they did, so a tab
 * that only shows a call (another tab writes it) re-reads the new events at once. BroadcastChannel; a
 * no-op where it is missing.
 */
export class CallMirror {
  private readonly _channel: BroadcastChannel | null;

  /** `scope` keeps databases apart; `onWrite` runs with the call id another tab wrote to. */
  constructor(scope: string, onWrite: (callId: string) => void) {
    this._channel =
      typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`agent-assist:${scope}`);
    if (this._channel)
      this._channel.onmessage = (e: MessageEvent<{callId?: unknown}>) => {
        if (typeof e.data?.callId === 'string') onWrite(e.data.callId);
      };
  }

  /** Says this tab committed an event of `callId`. */
  announce(callId: string): void {
    this._channel?.postMessage({callId});
  }

  close(): void {
    this._channel?.close();
  }
}
