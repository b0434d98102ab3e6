/**
 * One writer per call across the tabs of a browser: a Web Lock per call id. The tab that holds it writes
 * the call; another tab on the same call waits for the lock (showing the call read-only) and takes over
 * when the writer ends the call or closes. Where Web Locks are missing, every tab writes.
 */
export class CallLock {
  private readonly _prefix: string;
  /** Releases the held lock, or stops waiting for it. */
  private _release: (() => void) | null = null;
  private _callId: string | null = null;

  /** `scope` keeps locks of different databases apart (tests use their own). */
  constructor(scope: string) {
    this._prefix = `agent-assist:${scope}:call:`;
  }

  /**
   * Takes `callId`'s lock if it is free (resolves true: this tab writes) or starts waiting for it
   * (resolves false: another tab writes). When a waiting tab gets the lock, `onTakeover` runs while the
   * lock is held; the lock stays held until {@link release}. Releases any lock held before.
   */
  acquire(callId: string, onTakeover: () => Promise<void>): Promise<boolean> {
    this.release();
    this._callId = callId;
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return Promise.resolve(true);
    const name = this._prefix + callId;
    const hold = (): Promise<void> => new Promise((release) => (this._release = release));
    return new Promise((resolve) => {
      locks
        .request(name, {ifAvailable: true}, async (lock) => {
          if (lock) {
            resolve(true);
            return hold();
          }
          resolve(false);
          const abort = new AbortController();
          this._release = () => abort.abort();
          return locks
            .request(name, {signal: abort.signal}, async () => {
              if (this._callId !== callId) return;
              await onTakeover();
              return hold();
            })
            .catch(() => undefined);
        })
        // Refused outright ("The request was denied": a third-party frame with storage blocked): as with
        // no Web Locks at all, this tab writes. (Once the callback ran, this changes nothing.)
        .catch(() => resolve(true));
    });
  }

  /** Lets go of the lock held (or stops waiting for one). */
  release(): void {
    this._release?.();
    this._release = null;
    this._callId = null;
  }
}
