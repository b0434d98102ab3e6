/**
 * Runs call sessions for an element: picks and pins the script and its checklist items, logs every move
 * and tick before showing it (IndexedDB commit first), derives the script state and item marks from the
 * log, resumes an unfinished call after a reload, and ends calls with their report. One tab writes a
 * call (a Web Lock per call); another tab on the same call mirrors it read-only until the writer goes.
 * The host's context is kept in memory for display only and is never written to the log.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {callItemsFor} from '../calls/call-items.js';
import {applyItemEvent, itemMarksFromEvents} from '../calls/item-marks.js';
import type {ItemMark} from '../calls/item-marks.js';
import {isScriptEvent, movesFromEvents} from '../calls/moves-from-events.js';
import {reportFromLog} from '../calls/report-from-log.js';
import {evaluateItem} from '../calls/score-call.js';
import type {ItemEvaluation} from '../calls/score-call.js';
import type {ContentPack, PackChecklist, PackScript} from '../content/pack-types.js';
import {checkMove, deriveScriptState} from '../scripting/script-engine.js';
import type {ScriptMove, ScriptState} from '../scripting/types.js';
import {checkStorageHealth} from '../storage/storage-health.js';
import type {StorageHealth} from '../storage/storage-health.js';
import type * as StorageModule from '../storage/index.js';
import type {AssistDb, StorageError} from '../storage/index.js';
import type {CallRecord, CallSummary, LogEvent} from '../model/call-log.js';
import type {CallItem} from '../model/call-log.js';
import type {AdherenceReport} from '../model/report.js';

/** The storage module, loaded on first use (it carries Dexie, the largest dependency). */
type Storage = typeof StorageModule;

/** What the element learns from the controller, to fire its public events. */
export interface CallCallbacks {
  onStart(call: CallRecord): void;
  onStep(callId: string, stepId: string | null, previousStepId: string | null): void;
  onEnd(report: AdherenceReport): void;
  onItem(callId: string, itemId: string, status: string, reason?: string): void;
  /** A write failed (full disk, lost log, broken database): the host hears about it as `aa-error`. */
  onStorageError(error: StorageError): void;
}

/** A checklist item with its standing now. */
export interface LiveItem {
  item: CallItem;
  evaluation: ItemEvaluation;
  mark?: ItemMark;
}

/** Picks the default script for a queue: the agent's language first, then any. */
export function defaultScriptFor(
  scripts: readonly PackScript[],
  queue: string | null,
  lang: string
): PackScript | null {
  if (!queue) return null;
  const forQueue = scripts.filter((s) => s.queues.includes(queue));
  return forQueue.find((s) => s.lang === lang) ?? forQueue[0] ?? null;
}

/** The longest time a page may have been closed mid-call for the wall clock to be trusted (12 h). */
const MAX_RESUME_GAP_S = 12 * 3600;

const moveEventType: Record<ScriptMove['type'], string> = {
  complete: 'step-complete',
  skip: 'step-skip',
  back: 'step-back',
  jump: 'step-jump',
};

export class CallController implements ReactiveController {
  /** The running call, or null. */
  call: CallRecord | null = null;
  /** The running call's script state, or null when no script is chosen yet. */
  state: ScriptState | null = null;
  /** Host context for variables (display only, never logged). */
  context: Record<string, unknown> = {};
  /** The last storage or move error, shown to the agent until the next successful move. */
  error: string | null = null;
  /** True while a move is being written: the view does not show it as done before that. */
  busy = false;
  /** Latest mark of each checklist item of the running call, from the log. */
  marks = new Map<string, ItemMark>();
  /** The items whose tick or skip is being written (shown as saving, not as done). */
  pendingItems = new Set<string>();
  /** Another tab writes this call; this one mirrors it. */
  readOnly = false;
  /** The database was deleted or replaced under this session: nothing more is written. */
  logLost = false;
  /**
   * A newer build upgraded the database in another tab: this one closed its connection so the upgrade
   * was not blocked, and can no longer write (an older schema cannot open a newer database). The agent is
   * told to reload, which resumes the call from the log; the widget never reloads by itself.
   */
  updateReady = false;
  /** Why the browser refused the database (private mode, blocked storage), or null. */
  unavailable: string | null = null;
  /** Persistence and quota, checked after each call starts and ends. */
  health: StorageHealth = {persisted: null, usage: null};

  private readonly _host: ReactiveControllerHost;
  private readonly _callbacks: CallCallbacks;
  private readonly _dbName: string;
  private _db: AssistDb | null = null;
  private _storage: Storage | null = null;
  private _events: LogEvent[] = [];
  /** The events that matter to the script (starts, switches, moves): replayed on each move, not all events. */
  private _scriptEvents: LogEvent[] = [];
  private _queue: Promise<unknown> = Promise.resolve();
  /** The epoch of the database this session opened (see AssistDb). */
  private _epoch: string | undefined;
  /** Releases the running call's Web Lock, or stops waiting for it. */
  private _unlock: (() => void) | null = null;
  private _channel: BroadcastChannel | null = null;
  private _opening: Promise<{db: AssistDb; storage: Storage}> | null = null;
  private _persistAsked = false;

  constructor(host: ReactiveControllerHost, callbacks: CallCallbacks, dbName = 'agent-assist') {
    this._host = host;
    this._callbacks = callbacks;
    this._dbName = dbName;
    host.addController(this);
  }

  hostDisconnected(): void {
    this._unlock?.();
    this._unlock = null;
    this._channel?.close();
    this._channel = null;
    const db = this._db;
    this._db = null;
    db?.close();
    this._epoch = undefined;
  }

  /**
   * Loads the storage module (Dexie) on first use, opens the database and remembers its epoch. Callers
   * arriving while it opens share the one opening (never two connections).
   */
  open(): Promise<{db: AssistDb; storage: Storage}> {
    if (this._db && this._storage) return Promise.resolve({db: this._db, storage: this._storage});
    this._opening ??= this._openOnce().finally(() => (this._opening = null));
    return this._opening;
  }

  private async _openOnce(): Promise<{db: AssistDb; storage: Storage}> {
    this._storage ??= await import('../storage/index.js');
    if (!this._db) {
      let db = new this._storage.AssistDb(this._dbName);
      db.on('versionchange', (e) => {
        // Deleted (devtools, eviction): the log is gone. A newer schema: let it upgrade (Dexie closes).
        if (db !== this._db) return;
        if (e.newVersion === null) this._markLost();
        else {
          // Dexie closes this connection so the upgrade is not blocked; never reload mid-call.
          this.updateReady = true;
          this._host.requestUpdate();
        }
      });
      // Closed by the browser (storage cleared, connection lost): lost if the database is gone; a
      // transient close reopens on the next write, whose epoch check catches a recreated database.
      db.on('close', () => {
        if (db !== this._db) return;
        void indexedDB.databases?.().then((list) => {
          if (db === this._db && !list.some((d) => d.name === this._dbName)) this._markLost();
        });
      });
      try {
        await db.open();
      } catch (err) {
        // Refused by the browser: keep this page's log in memory (not durable), and say so plainly.
        this._markUnavailable(err as Error);
        db = await this._storage.openMemoryDb(this._dbName);
      }
      this._epoch = (await db.table('meta').get(this._storage.EPOCH_KEY))?.value as string | undefined;
      this._db = db;
      this._channel ??= this._openChannel();
    }
    return {db: this._db, storage: this._storage};
  }

  /** Asks for persistent storage once a call is saved, and reads how full the quota is. */
  private async _checkHealth(): Promise<void> {
    // Persistence is asked for once per page (after the first saved call); the quota is read each time.
    this.health = await checkStorageHealth(!this._persistAsked);
    this._persistAsked = true;
    this._host.requestUpdate();
  }

  /** The browser refused the database: say so once, plainly (the log now lives in memory only). */
  private _markUnavailable(cause: Error): void {
    if (this.unavailable !== null) return;
    const error = new this._storage!.StorageError(
      'storage-unavailable',
      `this browser does not let the widget keep its call log here (${cause.name}: ${cause.message}); ` +
        'the log is kept in memory only and is lost when the page closes',
      {cause}
    );
    this.unavailable = error.message;
    this._host.requestUpdate();
    this._callbacks.onStorageError(error);
  }

  private _markLost(): void {
    if (this.logLost || !this._storage) return;
    this.logLost = true;
    // Dexie 4 would reopen (and so recreate) a deleted database on the next use: stop that for good.
    this._db?.close({disableAutoOpen: true});
    const error = this._storage.logLostError();
    this.error = error.message;
    this._host.requestUpdate();
    this._callbacks.onStorageError(error);
  }

  /** Other tabs of this browser say when they wrote to a call: a read-only tab re-reads it. */
  private _openChannel(): BroadcastChannel | null {
    if (typeof BroadcastChannel === 'undefined') return null;
    const channel = new BroadcastChannel(`agent-assist:${this._dbName}`);
    channel.onmessage = (e: MessageEvent<{callId?: string}>) => {
      if (this.readOnly && this.call && e.data?.callId === this.call.callId) void this._reload();
    };
    return channel;
  }

  /** Reads what another tab wrote to the running call since this tab last looked (only the new events). */
  private _reload(): Promise<void> {
    return this._serial(async () => {
      const call = this.call;
      if (!call) return;
      const {db, storage} = await this.open();
      const record = await db.calls.get(call.callId);
      if (!record || record.status === 'ended') {
        this._clear();
        return;
      }
      const fresh = await storage.callEventsAfter(db, call.callId, this._events.at(-1)?.seq ?? 0);
      this.call = {...record, startedMono: call.startedMono};
      this._events.push(...fresh);
      // A script switch changes what the moves mean: derive everything again; otherwise apply the new events.
      if (fresh.some((e) => e.type === 'script-switch')) this._derive();
      else for (const e of fresh) this._apply(e);
      this._host.requestUpdate();
    });
  }

  /**
   * Takes the call's Web Lock if free (this tab writes) or waits for it (this tab mirrors, read-only,
   * until the writing tab goes away). Resolves whether this tab writes.
   */
  private _lockCall(callId: string): Promise<boolean> {
    this._unlock?.();
    this._unlock = null;
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return Promise.resolve(true);
    const name = `agent-assist:${this._dbName}:call:${callId}`;
    const hold = (): Promise<void> => new Promise((release) => (this._unlock = release));
    return new Promise((resolve) => {
      void locks.request(name, {ifAvailable: true}, async (lock) => {
        if (lock) {
          resolve(true);
          return hold();
        }
        resolve(false);
        // Wait for the writing tab to end or close, then take over.
        const abort = new AbortController();
        this._unlock = () => abort.abort();
        return locks
          .request(name, {signal: abort.signal}, async () => {
            if (this.call?.callId !== callId) return;
            this.readOnly = false;
            await this._reload();
            return hold();
          })
          .catch(() => undefined);
      });
    });
  }

  /** One call operation at a time, in order (a double key press must not race its own log write). */
  private _serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this._queue.catch(() => undefined).then(op);
    this._queue = next;
    return next;
  }

  /** Appends one event (and the action's other writes, in the same transaction); resolves once committed. */
  private async _log(
    type: string,
    data: Record<string, unknown>,
    alsoWrite?: (db: AssistDb) => Promise<unknown>
  ): Promise<LogEvent> {
    const call = this.call!;
    if (this.readOnly) {
      throw new Error(
        `agent-assist: call "${call.callId}" is open in another tab; this tab only shows it (use that tab)`
      );
    }
    const {db, storage} = await this.open();
    if (this.logLost) throw storage.logLostError();
    try {
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
          epoch: this._epoch,
          alsoWrite: alsoWrite && (() => alsoWrite(db)),
          // This tab holds the call's lock: its last event is the chain's end (checked by the unique index).
          prev: this._events.at(-1) ?? null,
        }
      );
      this._events.push(event);
      this._apply(event);
      this._channel?.postMessage({callId: call.callId});
      return event;
    } catch (err) {
      const error = err as StorageError;
      if (error.code === 'log-lost') this._markLost();
      else if (error.code) this._callbacks.onStorageError(error);
      throw err;
    }
  }

  /** Derives the script state and item marks from all the call's events (after loading them). */
  private _derive(): void {
    this._scriptEvents = this._events.filter((e) => isScriptEvent(e.type));
    this._deriveScript();
    this.marks = itemMarksFromEvents(this._events);
  }

  private _deriveScript(): void {
    const script = this.call?.script;
    if (script) {
      const replay = movesFromEvents(this._scriptEvents);
      this.state = deriveScriptState(script, replay.moves, {moves: replay.times, start: replay.start});
    } else {
      this.state = null;
    }
  }

  /**
   * Applies one newly committed event: a tick updates its item's mark, a move re-derives the script from
   * the script's own events. Either way the cost does not grow with the call's length (10k-event calls).
   */
  private _apply(event: LogEvent): void {
    if (isScriptEvent(event.type)) {
      this._scriptEvents.push(event);
      this._deriveScript();
    } else if (event.type.startsWith('item-')) {
      const marks = new Map(this.marks);
      applyItemEvent(marks, event);
      this.marks = marks;
    }
  }

  /**
   * The running call's checklist items with their standing now, in the order the agent meets them: by
   * the first script step each applies to, items for every call last (a stable sort keeps the
   * checklist's own order otherwise).
   */
  liveItems(): LiveItem[] {
    const items = this.call?.items ?? [];
    const steps = this.state?.steps ?? null;
    const enteredAt = this.state?.enteredAt ?? {};
    const order = new Map((this.call?.script?.steps ?? []).map((st, i) => [st.id, i]));
    const last = order.size;
    const rank = (item: CallItem) => Math.min(last, ...item.appliesTo.map((id) => order.get(id) ?? last));
    return [...items]
      .sort((a, b) => rank(a) - rank(b))
      .map((item) => {
        const mark = this.marks.get(item.id);
        return {item, mark, evaluation: evaluateItem(item, mark, steps, enteredAt, false)};
      });
  }

  private _clear(): void {
    this._unlock?.();
    this._unlock = null;
    this.call = null;
    this.state = null;
    this._events = [];
    this._scriptEvents = [];
    this.marks = new Map();
    this.pendingItems = new Set();
    this.context = {};
    this.readOnly = false;
    this._host.requestUpdate();
  }

  /** Settles once the resume check after connecting has run (getCall waits for it). */
  resumed: Promise<boolean> = Promise.resolve(false);

  /** Resumes this agent's unfinished call, if the log has one. */
  resume(agentId: string): Promise<boolean> {
    return (this.resumed = this._serial(async () => {
      if (this.call) return true;
      const {db, storage} = await this.open();
      const active = (await db.calls.where('status').equals('active').toArray())
        .filter((c) => c.agentId === agentId)
        .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0];
      if (!active) return false;
      this.call = active;
      this.readOnly = !(await this._lockCall(active.callId));
      this._events = await storage.callEvents(db, active.callId);
      // The monotonic clock restarts with the page. Offsets continue from the last logged one plus the
      // wall-clock time since it was logged (the time the page was closed still counts towards deadlines);
      // the wall clock is only trusted for that gap, and a negative or implausible gap (clock changed)
      // counts as none.
      const last = this._events.at(-1);
      const gap = last ? (Date.now() - Date.parse(last.clientTs)) / 1000 : 0;
      const elapsed = (last?.offset ?? 0) + (gap > 0 && gap < MAX_RESUME_GAP_S ? gap : 0);
      this.call = {...active, startedMono: performance.timeOrigin + performance.now() - elapsed * 1000};
      this._derive();
      this._host.requestUpdate();
      return true;
    }));
  }

  /** Starts a call (the caller has validated the arguments and picked the script, or null for a chooser). */
  start(input: {
    callId: string;
    agentId: string;
    script: PackScript | null;
    pack: ContentPack;
    queue: string | null;
  }): Promise<CallRecord> {
    return this._serial(async () => {
      if (this.call)
        throw new Error(
          `agent-assist: startCall() failed: call "${this.call.callId}" is still running; end it first`
        );
      const record: CallRecord = {
        callId: input.callId,
        agentId: input.agentId,
        status: 'active',
        startedAt: new Date().toISOString(),
        startedMono: performance.timeOrigin + performance.now(),
        packHash: input.pack.manifest.contentHash,
        scriptId: input.script?.id ?? null,
        script: input.script,
        items: callItemsFor(input.script, input.pack.checklists),
      };
      const {db} = await this.open();
      if (await db.calls.get(record.callId)) {
        throw new Error(
          `agent-assist: startCall() expected a new callId; "${record.callId}" was already used`
        );
      }
      this.call = record;
      this._events = [];
      this._scriptEvents = [];
      this.readOnly = false;
      try {
        // The call record and its first event: one transaction.
        await this._log(
          'call-start',
          {scriptId: record.scriptId, scriptVersion: input.script?.version ?? null, queue: input.queue},
          (d) => d.calls.add(record)
        );
      } catch (err) {
        this._clear();
        throw err;
      }
      await this._lockCall(record.callId);
      void this._checkHealth();
      this.context = {};
      this.error = null;
      this._derive();
      this._host.requestUpdate();
      this._callbacks.onStart(record);
      if (this.state) this._callbacks.onStep(record.callId, this.state.currentStepId, null);
      return record;
    });
  }

  /** Switches the running call to another script (logged); the new script starts at its first step. */
  switchScript(script: PackScript, checklists: readonly PackChecklist[]): Promise<void> {
    return this._serial(async () => {
      const call = this._requireCall('switchScript');
      const previous = this.state?.currentStepId ?? null;
      const items = callItemsFor(script, checklists);
      await this._log(
        'script-switch',
        {scriptId: script.id, scriptVersion: script.version, fromScriptId: call.scriptId},
        (db) => db.calls.update(call.callId, {scriptId: script.id, script, items})
      );
      this.call = {...call, scriptId: script.id, script, items};
      this._derive();
      this._host.requestUpdate();
      this._callbacks.onStep(call.callId, this.state?.currentStepId ?? null, previous);
    });
  }

  /** Makes a move; resolves after it is logged. A move that does not fit rejects and changes nothing. */
  move(move: ScriptMove): Promise<ScriptState> {
    return this._serial(async () => {
      const call = this._requireCall('move');
      if (!call.script) throw new Error('agent-assist: no script is chosen for this call yet');
      const {moves} = movesFromEvents(this._scriptEvents);
      checkMove(call.script, moves, move);
      const previous = this.state?.currentStepId ?? null;
      const data: Record<string, unknown> = {};
      if (move.type === 'back') data.fromStepId = previous;
      else if (move.type === 'jump') Object.assign(data, {stepId: move.stepId, fromStepId: previous});
      else {
        data.stepId = move.stepId;
        if (move.branch !== undefined) data.branch = move.branch;
        if (move.type === 'skip') data.reason = move.reason.trim();
      }
      this.busy = true;
      this._host.requestUpdate();
      try {
        await this._log(moveEventType[move.type], data);
        this.error = null;
      } catch (err) {
        this.error = `The step was not saved, so it is not marked done: ${(err as Error).message}`;
        throw err;
      } finally {
        // A committed move was applied by _log; a failed one changed nothing.
        this.busy = false;
        this._host.requestUpdate();
      }
      this._callbacks.onStep(call.callId, this.state!.currentStepId, previous);
      return this.state!;
    });
  }

  /**
   * Ticks, unticks or skips a checklist item of the running call; resolves after it is logged. An unknown
   * item rejects naming the call's items; a failed write leaves the item as it was.
   */
  markItem(
    itemId: string,
    action: {type: 'check'; source: 'agent' | 'host'} | {type: 'uncheck'} | {type: 'skip'; reason: string}
  ): Promise<void> {
    return this._serial(async () => {
      const call = this._requireCall(action.type === 'skip' ? 'skipItem' : 'checkItem');
      if (!call.items.some((i) => i.id === itemId)) {
        const ids = call.items.map((i) => `"${i.id}"`).join(', ') || 'none';
        throw new Error(
          `agent-assist: expected the id of a checklist item of this call (${ids}); got "${itemId}"`
        );
      }
      const data: Record<string, unknown> = {itemId};
      if (action.type === 'check') data.source = action.source;
      if (action.type === 'skip') data.reason = action.reason.trim();
      this.pendingItems = new Set(this.pendingItems).add(itemId);
      this._host.requestUpdate();
      try {
        await this._log(`item-${action.type}`, data);
        this.error = null;
      } catch (err) {
        this.error = `The checklist item was not saved, so it is not ticked: ${(err as Error).message}`;
        throw err;
      } finally {
        const pending = new Set(this.pendingItems);
        pending.delete(itemId);
        this.pendingItems = pending;
        this._host.requestUpdate();
      }
      const status = action.type === 'check' ? 'done' : action.type === 'skip' ? 'skipped' : 'open';
      this._callbacks.onItem(
        call.callId,
        itemId,
        status,
        action.type === 'skip' ? action.reason.trim() : undefined
      );
    });
  }

  /**
   * Logs something the agent did during the call that is not a script move (an article opened, a search
   * run). Does nothing without a running call. Only ids and counts: never text the agent typed, which
   * may hold customer data.
   */
  note(type: 'article-open' | 'search', data: Record<string, string | number>): Promise<void> {
    if (!this.call || this.readOnly) return Promise.resolve();
    return this._serial(async () => {
      if (this.call && !this.readOnly) await this._log(type, data);
    });
  }

  /**
   * Ends the running call and resolves its report. The call-end event and the ended call record (report,
   * event count, chain check) are one transaction.
   */
  end(outcome: string | undefined): Promise<AdherenceReport> {
    return this._serial(async () => {
      const call = this._requireCall('endCall');
      const {db, storage} = await this.open();
      const endedAt = new Date().toISOString();
      const report = reportFromLog(call, this._events, endedAt);
      // The stored chain is checked before it is closed: a QA lead sees at once if it was tampered with.
      const stored = await storage.callEvents(db, call.callId);
      const chain = await storage.verifyChain(stored);
      const update: Partial<CallRecord> = {
        status: 'ended',
        endedAt,
        report,
        eventCount: stored.length + 1,
        chain: chain.ok ? {ok: true, checked: chain.checked + 1} : chain,
      };
      if (outcome !== undefined) update.outcome = outcome;
      const summary: CallSummary = {
        callId: call.callId,
        source: 'local',
        report,
        scriptTitle: call.script?.title ?? call.scriptId ?? '',
        ...(outcome !== undefined ? {outcome} : {}),
        eventCount: update.eventCount!,
        chain: update.chain!,
      };
      await this._log('call-end', outcome === undefined ? {} : {outcome}, async (d) => {
        await d.calls.update(call.callId, update);
        await d.reports.put(summary);
      });
      this._clear();
      void this._checkHealth();
      this._callbacks.onEnd(report);
      return report;
    });
  }

  /** Merges host context (top-level keys merged one level deep: `{customer: {name}}` keeps `customer.account`). */
  mergeContext(context: Record<string, unknown>): void {
    const next = {...this.context};
    for (const [key, value] of Object.entries(context)) {
      const old = next[key];
      next[key] =
        value && typeof value === 'object' && !Array.isArray(value) && old && typeof old === 'object'
          ? {...(old as object), ...(value as object)}
          : value;
    }
    this.context = next;
    this._host.requestUpdate();
  }

  private _requireCall(method: string): CallRecord {
    if (!this.call) throw new Error(`agent-assist: ${method}() needs a running call; call startCall() first`);
    return this.call;
  }
}
