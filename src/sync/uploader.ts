/**
 * Uploads the logged events to `sync-url`, exactly as the protocol in the README says: batches POSTed as
 * `{events}` with an `Idempotency-Key` (the same for the same batch) and the host's `Authorization`; an
 * event leaves the queue only when a 2xx JSON acknowledgement names it; 408/429/5xx, network failures,
 * bad bodies and timeouts retry with capped exponential backoff and full jitter (at least `Retry-After`);
 * 413 halves the batch; a refused event goes to the dead-letter list without holding the rest back; 401/403
 * asks for credentials once more, then waits for new ones. One tab drains (a Web Lock); every tab reports
 * what waits. `navigator.onLine` is never trusted: only a response says the receiver has an event.
 */
import {sha256Hex} from '../internal/sha256.js';
import {jsonText} from '../internal/json-text.js';
import type {LogEvent} from '../model/call-log.js';
import type * as StorageModule from '../storage/index.js';
import type {AssistDb} from '../storage/index.js';
import {backoffDelay, DEFAULT_BACKOFF, retryAfterMs} from './retry-delay.js';
import type {BackoffOptions} from './retry-delay.js';
import {classifyUpload} from './upload-response.js';
import type {UploadOutcome} from './upload-response.js';

/** What `aa-sync-state` reports. */
export interface SyncState {
  /** Events waiting to be uploaded. */
  pending: number;
  /** Events the receiver refused for good. */
  deadLetters: number;
  /** When the receiver last acknowledged a batch (ISO). */
  lastSyncedAt?: string;
  /** Why the last attempt failed, in plain words; absent once an upload succeeds. */
  lastError?: string;
}

export interface UploaderOptions {
  /** The receiver (absolute http/https URL). */
  url: string;
  /** The log's database and the storage module. */
  open: () => Promise<{db: AssistDb; storage: typeof StorageModule}>;
  /** The Web Lock whose holder drains the queue (one per database, across tabs). */
  lockName: string;
  /** The BroadcastChannel on which the draining tab tells the others it uploaded (they count again). */
  channelName: string;
  /** The `Authorization` header value, asked before each request (null: none). */
  auth: () => Promise<string | null>;
  /** Runs when the state changes. */
  onState: (state: SyncState) => void;
  /** Events per request (default 100). */
  batchSize?: number;
  /** A request with no answer after this long is abandoned and retried (default 30 s). */
  timeoutMs?: number;
  backoff?: BackoffOptions;
  /** How often an idle drainer looks for events nobody announced (default 5 s). */
  idleMs?: number;
  /**
   * The receiver cannot be reached as configured (a 404, the page's Content-Security-Policy): runs once
   * per distinct problem, for the host to hear of it (the events stay queued and are retried slowly).
   */
  onMisconfigured?: (problem: string) => void;
}

/** A delivery that did not (fully) succeed: retry later, or wait for credentials. */
type Stop = {kind: 'retry'; error: string; retryAfter: number | null} | {kind: 'auth'; error: string};

/** The longest delay setTimeout takes (about 24.8 days): "until woken". */
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Something the drain loop can wait for, woken early by `wake()`. A wake while nobody waits is kept for
 * the next wait: credentials that arrive while the request they would have fixed is still in flight (the
 * frame's `syncAuth` reaching it just after its first upload left) must not leave the drain waiting for
 * them forever once that request comes back 401.
 */
class Waiter {
  private _wake: (() => void) | null = null;
  private _woken = false;
  wait(ms: number): Promise<void> {
    if (this._woken) {
      this._woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this._wake === done) this._wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this._wake = done;
    });
  }
  wake(): void {
    if (this._wake) this._wake();
    else this._woken = true;
  }
  /** Forgets a kept wake: from here on, only news that comes later counts. */
  clear(): void {
    this._woken = false;
  }
}

export class Uploader {
  private readonly _o: Required<Omit<UploaderOptions, 'backoff'>> & {backoff: BackoffOptions};
  private _state: SyncState = {pending: 0, deadLetters: 0};
  private _stopped = false;
  private readonly _abort = new AbortController();
  private readonly _idle = new Waiter();
  private readonly _authWait = new Waiter();
  private readonly _backoffWait = new Waiter();
  private _channel: BroadcastChannel | null = null;
  private _counting: Promise<void> | null = null;
  private _countAgain = false;
  /** The page's CSP refused a request to the receiver (a fetch only says "Failed to fetch"). */
  private _cspBlocked = false;
  private _lastMisconfigured: string | null = null;
  private readonly _onViolation = (e: SecurityPolicyViolationEvent) => {
    if (e.effectiveDirective === 'connect-src' && e.blockedURI.startsWith(new URL(this._o.url).origin))
      this._cspBlocked = true;
  };

  constructor(options: UploaderOptions) {
    this._o = {
      batchSize: 100,
      timeoutMs: 30_000,
      idleMs: 5_000,
      onMisconfigured: () => undefined,
      ...options,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
    };
  }

  /** The last state reported. */
  get state(): Readonly<SyncState> {
    return this._state;
  }

  /** Starts listening and, once this tab holds the drain lock, uploading. */
  start(): void {
    if (typeof BroadcastChannel !== 'undefined') {
      this._channel = new BroadcastChannel(this._o.channelName);
      this._channel.onmessage = () => void this._count();
    }
    void this._count();
    if (typeof document !== 'undefined')
      document.addEventListener('securitypolicyviolation', this._onViolation);
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const drain = () =>
      this._drain().catch((err: Error) => this._update({lastError: `upload stopped: ${err.message}`}));
    if (!locks) void drain();
    else
      void locks.request(this._o.lockName, {signal: this._abort.signal}, drain).catch(() => {
        // Refused outright (a third-party frame with storage blocked), not stopped by us: no other tab
        // can hold the lock either, so this one drains.
        if (!this._stopped) return drain();
        return undefined;
      });
  }

  /** Stops uploading (the element left the page, or the URL changed); the lock passes to another tab. */
  stop(): void {
    this._stopped = true;
    this._abort.abort();
    this._idle.wake();
    this._authWait.wake();
    this._backoffWait.wake();
    this._channel?.close();
    if (typeof document !== 'undefined')
      document.removeEventListener('securitypolicyviolation', this._onViolation);
  }

  /**
   * An event was logged: upload it soon. One this tab logged adds one to the count (a tick is a hot
   * path: no recount of the whole queue); one another tab logged means counting again.
   */
  logged(byThisTab: boolean): void {
    if (byThisTab) this._update({pending: this._state.pending + 1});
    else void this._count();
    this._idle.wake();
  }

  /** New credentials are available: a drain waiting after a 401/403 tries again. */
  resumeAuth(): void {
    this._authWait.wake();
  }

  private _update(patch: Partial<SyncState>, clear: (keyof SyncState)[] = []): void {
    const next: SyncState = {...this._state, ...patch};
    for (const key of clear) delete next[key];
    const changed = JSON.stringify(next) !== JSON.stringify(this._state);
    this._state = next;
    if (changed && !this._stopped) this._o.onState({...next});
  }

  /** Recounts the queue (coalesced: a burst of ticks counts once or twice, not once per tick). */
  private _count(): Promise<void> {
    if (this._counting) {
      this._countAgain = true;
      return this._counting;
    }
    this._counting = (async () => {
      do {
        this._countAgain = false;
        const {db, storage} = await this._o.open();
        this._update(await storage.outboxCounts(db));
      } while (this._countAgain);
    })()
      .catch(() => undefined)
      .finally(() => (this._counting = null));
    return this._counting;
  }

  private async _drain(): Promise<void> {
    let attempt = 0;
    while (!this._stopped) {
      // An event logged from here on wakes the idle wait below, even if it comes before that wait starts.
      this._idle.clear();
      let stop: Stop | null;
      try {
        const {db, storage} = await this._o.open();
        const batch = await storage.pendingEvents(db, this._o.batchSize);
        if (batch.length === 0) {
          // Counting walks every waiting event: done when idle, not after every batch of a long drain.
          await this._count();
          await this._idle.wait(this._o.idleMs);
          continue;
        }
        // Credentials that arrive while this batch is in flight count for its 401 (see Waiter).
        this._authWait.clear();
        stop = await this._deliver(batch, db, storage);
      } catch (err) {
        // The local log failed under the drain (its database closed, a transient IndexedDB error): the
        // events stay queued, so try again after a backoff. Stopping here would leave them waiting until
        // the page reloads.
        stop = {
          kind: 'retry',
          error: `the local log could not be read (${(err as Error).message})`,
          retryAfter: null,
        };
      }
      if (this._stopped) return;
      if (stop === null) {
        attempt = 0;
        continue;
      }
      if (stop.kind === 'auth') {
        this._update({lastError: `${stop.error}; uploads wait for new credentials (syncAuth)`});
        await this._authWait.wait(LONGEST_TIMEOUT_MS);
        continue;
      }
      attempt++;
      this._update({lastError: stop.error});
      await this._backoffWait.wait(Math.max(backoffDelay(attempt, this._o.backoff), stop.retryAfter ?? 0));
    }
  }

  /** Delivers `events` (halving on 413 and on a refused batch); null when all were acknowledged or refused. */
  private async _deliver(
    events: LogEvent[],
    db: AssistDb,
    storage: typeof StorageModule
  ): Promise<Stop | null> {
    const outcome = await this._post(events, true);
    const now = new Date().toISOString();
    switch (outcome.kind) {
      case 'ack': {
        const {accepted, duplicates, rejected} = outcome.ack;
        const answered = accepted.length + duplicates.length + rejected.length;
        await storage.markUploaded(db, [...accepted, ...duplicates]);
        await storage.markRefused(db, rejected, now);
        this._update(
          {
            pending: Math.max(0, this._state.pending - answered),
            deadLetters: this._state.deadLetters + rejected.length,
            lastSyncedAt: now,
          },
          ['lastError']
        );
        // The other tabs count again (their indicators show what waits, not what waited).
        this._channel?.postMessage({uploaded: answered});
        // Events the receiver did not mention stay queued and go again; no progress at all is a failure.
        return answered > 0 || events.length === 0
          ? null
          : {kind: 'retry', error: 'the endpoint acknowledged none of the events sent', retryAfter: null};
      }
      case 'split': {
        const half = Math.ceil(events.length / 2);
        for (const part of [events.slice(0, half), events.slice(half)]) {
          const stop = await this._deliver(part, db, storage);
          if (stop) return stop;
        }
        return null;
      }
      case 'refuse':
        await storage.markRefused(db, [{eventId: events[0]!.eventId, reason: outcome.reason}], now);
        this._update({
          pending: Math.max(0, this._state.pending - 1),
          deadLetters: this._state.deadLetters + 1,
        });
        this._channel?.postMessage({uploaded: 1});
        return null;
      case 'retry':
        return {
          kind: 'retry',
          error: outcome.error,
          retryAfter: retryAfterMs(outcome.retryAfter, Date.now(), outcome.serverDate ?? null),
        };
      case 'auth':
        return {kind: 'auth', error: outcome.error};
      case 'misconfigured': {
        // A wrong URL or a page that forbids it: retried at the slowest pace, and said plainly, once.
        const error = `${outcome.error} (check sync-url)`;
        if (error !== this._lastMisconfigured) this._o.onMisconfigured(error);
        this._lastMisconfigured = error;
        return {kind: 'retry', error, retryAfter: this._o.backoff.capMs};
      }
    }
  }

  /** One request; a 401/403 asks for credentials once more and tries again (`mayRenew`). */
  private async _post(events: LogEvent[], mayRenew: boolean): Promise<UploadOutcome> {
    const ids = events.map((e) => e.eventId);
    let authorization: string | null;
    try {
      authorization = await this._o.auth();
    } catch (err) {
      return {kind: 'auth', error: `syncAuth() failed: ${(err as Error).message}`};
    }
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      // The same batch always has the same key, so a receiver can recognise a retry as a whole.
      'Idempotency-Key': await sha256Hex([...ids].sort().join('\n')),
    };
    if (authorization) headers.Authorization = authorization;
    const timeout = new AbortController();
    const onStop = () => timeout.abort();
    this._abort.signal.addEventListener('abort', onStop, {once: true});
    const timer = setTimeout(() => timeout.abort(), this._o.timeoutMs);
    let outcome: UploadOutcome;
    try {
      const response = await fetch(this._o.url, {
        method: 'POST',
        headers,
        body: jsonText({events}),
        signal: timeout.signal,
        credentials: 'omit',
        cache: 'no-store',
      });
      const body = await response.text();
      outcome = classifyUpload(
        {
          status: response.status,
          contentType: response.headers.get('Content-Type'),
          body,
          retryAfter: response.headers.get('Retry-After'),
          serverDate: response.headers.get('Date'),
        },
        new Set(ids)
      );
    } catch (err) {
      // The violation event is queued as a task of its own: let it arrive before reading it.
      if (!timeout.signal.aborted) await new Promise((resolve) => setTimeout(resolve, 0));
      const origin = new URL(this._o.url).origin;
      outcome = this._cspBlocked
        ? {
            kind: 'misconfigured',
            error: `the page's Content-Security-Policy (connect-src) does not allow ${origin}`,
          }
        : {
            kind: 'retry',
            error: timeout.signal.aborted
              ? `the endpoint did not answer within ${Math.round(this._o.timeoutMs / 1000)} s`
              : `the endpoint could not be reached (${(err as Error).message})`,
            retryAfter: null,
          };
      this._cspBlocked = false;
    } finally {
      clearTimeout(timer);
      this._abort.signal.removeEventListener('abort', onStop);
    }
    if (outcome.kind === 'auth' && mayRenew && !this._stopped) return this._post(events, false);
    return outcome;
  }
}
