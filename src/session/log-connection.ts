/**
 * The connection to the call log: loads the storage module (Dexie) on first use, opens the database once
 * however many callers ask at the same time, and watches it. Where the browser refuses IndexedDB it opens
 * the same schema in memory and says so; a database deleted under the page is "lost" for good (never
 * reopened, so never silently recreated); a newer schema opened in another tab is let through and this
 * tab is told it can no longer save.
 */
import type * as StorageModule from '../storage/index.js';
import type {AssistDb, StorageError} from '../storage/index.js';
import {yieldNow} from '../internal/yield-to-page.js';

/** The storage module, loaded on first use (it carries Dexie, the largest dependency). */
export type Storage = typeof StorageModule;

/** What the connection tells its owner. */
export interface LogConnectionEvents {
  /** The connection's standing changed (lost, upgraded elsewhere, unavailable). */
  onStatus(): void;
  /** Something the host should hear about as `aa-error`. */
  onError(error: StorageError): void;
}

export class LogConnection {
  /** The database was deleted or replaced under this page: nothing more is written. */
  lost = false;
  /**
   * A newer build upgraded the database in another tab: this one closed its connection so the upgrade
   * was not blocked, and can no longer write. The agent is told to reload (which resumes the call).
   */
  upgraded = false;
  /**
   * The database this page opened is not the one the last page of this origin used: it was cleared while
   * no page had it open (the epoch remembered in localStorage differs). Said once; new calls log as usual.
   */
  wiped = false;
  /** Why the browser refused the database (private mode, blocked storage), or null. */
  unavailable: string | null = null;
  /** The epoch of the database this page opened (see AssistDb): a recreated database has another. */
  epoch: string | undefined;

  readonly name: string;
  private readonly _events: LogConnectionEvents;
  private _db: AssistDb | null = null;
  private _storage: Storage | null = null;
  private _opening: Promise<{db: AssistDb; storage: Storage}> | null = null;

  constructor(name: string, events: LogConnectionEvents) {
    this.name = name;
    this._events = events;
  }

  /** The open database and the storage module; callers arriving while it opens share the one opening. */
  open(): Promise<{db: AssistDb; storage: Storage}> {
    if (this._db && this._storage) return Promise.resolve({db: this._db, storage: this._storage});
    this._opening ??= this._openOnce().finally(() => (this._opening = null));
    return this._opening;
  }

  /** The storage module, loading it if needed (without opening the database). */
  async storage(): Promise<Storage> {
    return (this._storage ??= await import('../storage/index.js'));
  }

  /** Closes the database (the page or element goes away); the next `open()` opens it again. */
  close(): void {
    const db = this._db;
    this._db = null;
    this.epoch = undefined;
    db?.close();
  }

  private async _openOnce(): Promise<{db: AssistDb; storage: Storage}> {
    const storage = await this.storage();
    // The storage chunk (Dexie) has just been evaluated in this task, tens of milliseconds on a slow PC:
    // open the database in the next one, so the two are not one long task (always: yieldToPage() would
    // not yield when another slice yielded just before).
    await yieldNow();
    let db = new storage.AssistDb(this.name);
    // Declaring the schema (Dexie parses each version's) and opening it are two tasks as well.
    await yieldNow();
    db.on('versionchange', (e) => {
      if (db !== this._db) return;
      // Deleted (devtools, eviction): the log is gone. A newer schema: Dexie closes this connection so
      // the upgrade is not blocked; never reload mid-call.
      if (e.newVersion === null) this.markLost();
      else {
        this.upgraded = true;
        this._events.onStatus();
      }
    });
    // Closed by the browser (storage cleared, connection lost): lost if the database is gone; a transient
    // close reopens on the next write, whose epoch check catches a recreated database.
    db.on('close', () => {
      if (db === this._db) void this._checkGone(db);
    });
    try {
      await db.open();
    } catch (err) {
      this._markUnavailable(storage, err as Error);
      db = await storage.openMemoryDb(this.name);
    }
    this.epoch = (await db.table('meta').get(storage.EPOCH_KEY))?.value as string | undefined;
    this._db = db;
    // An in-memory log is new on every page: only a durable one is compared with the last page's.
    if (this.unavailable === null) this._compareRemembered(storage);
    return {db, storage};
  }

  /**
   * Whether the database still exists after a forced close. Chromium may not answer `databases()` while
   * it is still clearing the origin's storage (the call asked during the close never settles), so ask
   * again a little later, a few times.
   */
  private async _checkGone(db: AssistDb): Promise<void> {
    for (let attempt = 1; attempt <= 5 && db === this._db && !this.lost; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      const list = await Promise.race([
        indexedDB.databases?.() ?? Promise.resolve(null),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 500)),
      ]).catch(() => null);
      if (list === null) continue;
      if (db === this._db && !list.some((d) => d.name === this.name)) this.markLost();
      return;
    }
  }

  /**
   * Compares the database's epoch with the one the last page remembered outside the database, and
   * remembers this one. A different one means the log was wiped while no page had it open (the epoch
   * check inside write transactions only catches a wipe under a running page). Where localStorage is
   * blocked, or was cleared with the database, nothing can be compared.
   */
  private _compareRemembered(storage: Storage): void {
    if (this.epoch === undefined) return;
    const key = `agent-assist:${this.name}:epoch`;
    let known: string | null;
    try {
      known = localStorage.getItem(key);
      localStorage.setItem(key, this.epoch);
    } catch {
      return;
    }
    if (known === null || known === this.epoch || this.wiped) return;
    this.wiped = true;
    this._events.onStatus();
    this._events.onError(
      new storage.StorageError(
        'log-lost',
        'the local event log was cleared while the widget was closed (browser storage cleared?); ' +
          'calls and events logged before then and not yet uploaded are lost'
      )
    );
  }

  /** The log is gone: stop Dexie from reopening (and so recreating) it, and raise the alarm once. */
  markLost(): void {
    if (this.lost || !this._storage) return;
    this.lost = true;
    this._db?.close({disableAutoOpen: true});
    this._events.onStatus();
    this._events.onError(this._storage.logLostError());
  }

  private _markUnavailable(storage: Storage, cause: Error): void {
    if (this.unavailable !== null) return;
    const error = new storage.StorageError(
      'storage-unavailable',
      `this browser does not let the widget keep its call log here (${cause.name}: ${cause.message}); ` +
        'the log is kept in memory only and is lost when the page closes',
      {cause}
    );
    this.unavailable = error.message;
    this._events.onStatus();
    this._events.onError(error);
  }
}
