/**
 * Storage failures as the agent and the host should hear about them. IndexedDB reports a full disk as
 * `QuotaExceededError`, or (through Dexie) as an `AbortError` whose `inner` is one; a database deleted or
 * wiped under the running widget must never be silently recreated and written to as if nothing happened.
 */

export type StorageErrorCode = 'storage-full' | 'log-lost' | 'storage-failed' | 'storage-unavailable';

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  constructor(code: StorageErrorCode, message: string, options?: {cause?: unknown}) {
    super(message, options);
    this.name = 'StorageError';
    this.code = code;
  }
}

/** True for a quota error, whether raised directly or wrapped (Dexie's `AbortError` with `.inner`). */
export function isQuotaError(err: unknown): boolean {
  const e = err as {name?: string; inner?: {name?: string}} | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

/** The failure as a {@link StorageError}, with a message an agent can act on. */
export function toStorageError(err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  if (isQuotaError(err)) {
    return new StorageError(
      'storage-full',
      "the browser's storage for this site is full; free disk space or ask IT (events already logged are kept)",
      {cause: err}
    );
  }
  const detail = (err as Error | null)?.message ?? String(err);
  return new StorageError('storage-failed', `the browser's database failed: ${detail}`, {cause: err});
}

/** The error for a database that is no longer the one this session wrote to. */
export function logLostError(): StorageError {
  return new StorageError(
    'log-lost',
    'the local event log was deleted or replaced while the widget was running (storage cleared?); ' +
      'events not yet uploaded are lost, and nothing more is written until the page is reloaded'
  );
}
