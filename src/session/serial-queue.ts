/**
 * Runs async operations one at a time, in the order they were queued: a double key press must not race
 * its own log write. A failed operation does not stop the ones queued after it.
 */
export class SerialQueue {
  private _tail: Promise<unknown> = Promise.resolve();

  /** Queues `op`; resolves or rejects with its result once every earlier operation has settled. */
  run<T>(op: () => Promise<T>): Promise<T> {
    const next = this._tail.catch(() => undefined).then(op);
    this._tail = next;
    return next;
  }
}
