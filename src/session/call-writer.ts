/**
 * The log side of a call session: the connection to the log, the running call's events as this tab
 * knows them (the chain's end), the per-call cross-tab lock and the announcements to other tabs. An
 * append resolves only once its IndexedDB transaction committed; a failure is raised as a storage error
 * the session shows and the host hears about.
 */
import type {CallRecord, LogEvent} from '../model/call-log.js';
import type {AssistDb, StorageError} from '../storage/index.js';
import {clearPackCache} from '../content/pack-cache.js';
import {CallLock} from './call-lock.js';
import {CallMirror} from './call-mirror.js';
import {LogConnection} from './log-connection.js';
import type {LogConnectionEvents, Storage} from './log-connection.js';

export interface CallWriterEvents extends LogConnectionEvents {
  /** Another tab wrote an event of `callId`. */
  onOtherTabWrote(callId: string): void;
}

export class CallWriter {
  readonly connection: LogConnection;
  private readonly _events: CallWriterEvents;
  private readonly _lock: CallLock;
  private _mirror: CallMirror | null = null;
  /** The running call's events, in order. */
  private _log: LogEvent[] = [];

  /** `dbName` names the IndexedDB database (tests give each its own). */
  constructor(dbName: string, events: CallWriterEvents) {
    this._events = events;
    this._lock = new CallLock(dbName);
    this.connection = new LogConnection(dbName, events);
  }

  /** The running call's events as this tab knows them. */
  get events(): readonly LogEvent[] {
    return this._log;
  }

  /** Opens the log (shared by everything that reads or writes it) and starts hearing other tabs. */
  async open(): Promise<{db: AssistDb; storage: Storage}> {
    const opened = await this.connection.open();
    this._mirror ??= new CallMirror(this.connection.name, (callId) => this._events.onOtherTabWrote(callId));
    return opened;
  }

  /** Forgets the running call's events (a new call starts, or the call ended). */
  reset(): void {
    this._log = [];
  }

  /** Reads all of `callId`'s events (a resume). */
  async load(callId: string): Promise<readonly LogEvent[]> {
    const {db, storage} = await this.open();
    this._log = await storage.callEvents(db, callId);
    return this._log;
  }

  /** Reads the events of `callId` written since this tab last looked (another tab wrote them). */
  async loadNew(callId: string): Promise<LogEvent[]> {
    const {db, storage} = await this.open();
    const fresh = await storage.callEventsAfter(db, callId, this._log.at(-1)?.seq ?? 0);
    this._log.push(...fresh);
    return fresh;
  }

  /** Appends one event of `call` (and the action's other writes, in the same transaction), once committed. */
  async append(
    call: CallRecord,
    type: string,
    data: Record<string, unknown>,
    alsoWrite?: (db: AssistDb) => Promise<unknown>
  ): Promise<LogEvent> {
    const {db, storage} = await this.open();
    if (this.connection.lost) throw storage.logLostError();
    let freed = false;
    for (;;) {
      try {
        return await this._appendOnce(db, storage, call, type, data, alsoWrite);
      } catch (err) {
        const error = err as StorageError;
        // Storage full: the offline copy of the content goes first, never a compliance event. (A write
        // refused for quota did not commit, so trying again cannot log the action twice.)
        if (error.code === 'storage-full' && !freed) {
          freed = true;
          if (await clearPackCache()) continue;
        }
        if (error.code === 'log-lost') this.connection.markLost();
        else if (error.code) this._events.onError(error);
        throw err;
      }
    }
  }

  private async _appendOnce(
    db: AssistDb,
    storage: Storage,
    call: CallRecord,
    type: string,
    data: Record<string, unknown>,
    alsoWrite?: (db: AssistDb) => Promise<unknown>
  ): Promise<LogEvent> {
    const event = await storage.appendEvent(
      db,
      {
        callId: call.callId,
        agentId: call.agentId,
        type,
        data,
        packVersion: call.packHash,
        callStartMono: call.startedMono,
      },
      {
        epoch: this.connection.epoch,
        alsoWrite: alsoWrite && (() => alsoWrite(db)),
        // This tab holds the call's lock: its last event is the chain's end (checked by the unique index).
        prev: this._log.at(-1) ?? null,
      }
    );
    this._log.push(event);
    this._mirror?.announce(call.callId);
    return event;
  }

  /** Takes `callId`'s lock (resolves true) or waits for it (false), running `onTakeover` when it comes. */
  lock(callId: string, onTakeover: () => Promise<void>): Promise<boolean> {
    return this._lock.acquire(callId, onTakeover);
  }

  /** Lets go of the call's lock. */
  release(): void {
    this._lock.release();
  }

  /** Lets go of the lock, the channel and the database (the element left the page). */
  dispose(): void {
    this._lock.release();
    this._mirror?.close();
    this._mirror = null;
    this.connection.close();
  }
}
