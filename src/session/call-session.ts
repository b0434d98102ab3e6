/**
 * Runs call sessions without any UI: picks and pins the script and its checklist items, logs every move
 * and tick before showing it (IndexedDB commit first), keeps the call's state derived from the log,
 * resumes an unfinished call after a reload and ends calls with their report. One tab writes a call;
 * another tab on the same call mirrors it read-only until the writer goes. The host's context is kept
 * in memory for display only and never written to the log.
 */
import {callItemsFor} from '../calls/call-items.js';
import {endedCallRecords, mergeContext, newCallRecord, resumedElapsed} from '../calls/call-records.js';
import {applyEvent, deriveCallState, itemStatus, liveItems} from '../calls/call-state.js';
import {pinHash} from '../calls/pinned-content.js';
import type {CallState, LiveItem} from '../calls/call-state.js';
import {moveEvent, movesFromEvents} from '../calls/moves-from-events.js';
import {reportFromLog} from '../calls/report-from-log.js';
import {SCORING_RULES, skipRefusal} from '../calls/skip-rules.js';
import type {ContentPack, PackChecklist, PackScript} from '../content/pack-types.js';
import type {AaEventDetailMap, AaEventName} from '../events/aa-event.js';
import type {CallRecord, LogEvent} from '../model/call-log.js';
import type {AdherenceReport} from '../model/report.js';
import {checkMove, ScriptMoveError} from '../scripting/script-engine.js';
import type {ScriptMove} from '../scripting/types.js';
import type {AssistDb, StorageError} from '../storage/index.js';
import {checkStorageHealth} from '../storage/storage-health.js';
import type {StorageHealth} from '../storage/storage-health.js';
import {CallWriter} from './call-writer.js';
import type {LogConnection, Storage} from './log-connection.js';
import {MAINTENANCE_CALL_ID} from './purge-expired.js';
import {SerialQueue} from './serial-queue.js';

/** Fires a public event (the session does not know where it goes). */
export type Emit = <K extends AaEventName>(name: K, detail: AaEventDetailMap[K]) => void;

/** What a move, tick or skip was asked as, for error messages (the public method, or the agent's key). */
export type Caller = string;

/**
 * Why the agent's last move or tick was not saved, or that the log is gone: data, not a sentence, so the
 * view says it in the agent's language. `code` is the storage error's (null for any other failure);
 * `detail` the failure's own message (the browser's, for `storage-failed`).
 */
export interface CallError {
  action: 'step' | 'item' | 'log';
  code: string | null;
  detail: string;
}

/** The {@link CallError} of a failed write. */
function callError(action: CallError['action'], err: unknown): CallError {
  const e = err as {code?: unknown; message?: string; cause?: {message?: string}};
  const code = typeof e?.code === 'string' ? e.code : null;
  const detail =
    code === 'storage-failed' ? (e.cause?.message ?? String(e.cause)) : (e?.message ?? String(err));
  return {action, code, detail};
}

const monotonicNow = () => performance.timeOrigin + performance.now();

/**
 * How long after a call ended its summary comes back after a reload (the agent reloaded during wrap-up);
 * an older one would greet the next shift with a call it no longer remembers.
 */
export const SUMMARY_KEPT_MS = 30 * 60 * 1000;

export class CallSession {
  /** The running call's state, or null. */
  state: CallState | null = null;
  /** Host context for variables (display only, never logged). */
  context: Record<string, unknown> = {};
  /** The last storage or move error, shown to the agent until the next successful move. */
  error: CallError | null = null;
  /** True while a move is being written: the view does not show it as done before that. */
  busy = false;
  /** The items whose tick or skip is being written (shown as saving, not as done). */
  pendingItems: ReadonlySet<string> = new Set();
  /** Another tab writes this call; this one mirrors it. */
  readOnly = false;
  /**
   * The report of the call this agent ended last, shown until the next call starts (after a reload too,
   * within {@link SUMMARY_KEPT_MS} of its end).
   */
  lastReport: AdherenceReport | null = null;
  /** Persistence and quota, checked after calls start and end. */
  health: StorageHealth = {persisted: null, usage: null};
  /** The log: its connection's `lost`, `upgraded` and `unavailable` flags are shown as banners. */
  readonly writer: CallWriter;

  private readonly _emit: Emit;
  private readonly _onChange: () => void;
  /** Runs after each event committed by this tab or another (the upload queue has one more). */
  private readonly _onLogged: (byThisTab: boolean) => void;
  private readonly _queue = new SerialQueue();
  private _persistAsked = false;

  /**
   * `dbName` names the IndexedDB database (tests give each its own); `emit` fires public events;
   * `onChange` runs after every change a view shows.
   */
  constructor(options: {
    dbName: string;
    emit: Emit;
    onChange: () => void;
    onLogged?: (byThisTab: boolean) => void;
  }) {
    this._emit = options.emit;
    this._onChange = options.onChange;
    this._onLogged = options.onLogged ?? (() => {});
    this.writer = new CallWriter(options.dbName, {
      onStatus: () => this._onChange(),
      onError: (error) => this._storageError(error),
      // A read-only tab re-reads the running call when the writing tab says it wrote to it.
      onOtherTabWrote: (callId) => {
        this._onLogged(false);
        if (this.readOnly && this.call?.callId === callId) void this._reload();
      },
    });
  }

  /** The running call, or null. */
  get call(): CallRecord | null {
    return this.state?.call ?? null;
  }

  /** The running call's checklist items with their standing now (empty without a call). */
  liveItems(): LiveItem[] {
    return this.state ? liveItems(this.state) : [];
  }

  /** The log's connection (its standing is shown as banners). */
  get connection(): LogConnection {
    return this.writer.connection;
  }

  /** Opens the log (shared by everything that reads or writes it). */
  open(): Promise<{db: AssistDb; storage: Storage}> {
    return this.writer.open();
  }

  /** Lets go of the database, the call's lock and the channel (the element left the page). */
  dispose(): void {
    this.writer.dispose();
  }

  /** A write failed, or the log is gone: the agent sees why, the host hears it as `aa-error`. */
  private _storageError(error: StorageError): void {
    // A log lost under this page stops every write: say so where the agent works. (Wiped while the page
    // was closed, it is a banner only: there is no call to stop.)
    if (error.code === 'log-lost' && this.connection.lost) this.error = callError('log', error);
    const message = `agent-assist: ${error.message}`;
    console.warn(message);
    this._emit('aa-error', {code: error.code, message});
    this._onChange();
  }

  /** Asks for persistent storage once per page, and reads how full the quota is. */
  private async _checkHealth(): Promise<void> {
    this.health = await checkStorageHealth(!this._persistAsked);
    this._persistAsked = true;
    this._onChange();
  }

  /** Reads what another tab wrote to the running call since this tab last looked (only the new events). */
  private _reload(): Promise<void> {
    return this._queue.run(async () => {
      const state = this.state;
      if (!state) return;
      const {db} = await this.open();
      const record = await db.calls.get(state.call.callId);
      if (!record || record.status === 'ended') {
        this._clear();
        return;
      }
      const fresh = await this.writer.loadNew(record.callId);
      const call = {...record, startedMono: state.call.startedMono};
      // A script switch changes the pinned record: derive everything again; else apply the new events.
      if (fresh.some((e) => e.type === 'script-switch'))
        this.state = deriveCallState(call, this.writer.events);
      else this.state = fresh.reduce(applyEvent, {...state, call});
      this._onChange();
    });
  }

  /** Takes the call's lock, or mirrors the call read-only until the writing tab goes. */
  private _lockCall(callId: string): Promise<boolean> {
    return this.writer.lock(callId, async () => {
      this.readOnly = false;
      await this._reload();
    });
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
    const event = await this.writer.append(call, type, data, alsoWrite);
    if (this.state) this.state = applyEvent(this.state, event);
    this._onLogged(true);
    return event;
  }

  private _clear(): void {
    this.writer.release();
    this.writer.reset();
    this.state = null;
    this.pendingItems = new Set();
    this.context = {};
    this.readOnly = false;
    this._onChange();
  }

  private _requireCall(method: string): CallRecord {
    const call = this.call;
    if (!call) throw new Error(`agent-assist: ${method}() needs a running call; call startCall() first`);
    return call;
  }

  /** Resumes this agent's unfinished call, if the log has one; resolves whether it did. */
  resume(agentId: string): Promise<boolean> {
    return this._queue.run(async () => {
      if (this.call) return true;
      const {db} = await this.open();
      const active = (await db.calls.where('status').equals('active').toArray())
        .filter((c) => c.agentId === agentId)
        .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0];
      if (!active) {
        // No call running: the summary of one this agent ended moments ago comes back after a reload.
        const since = new Date(Date.now() - SUMMARY_KEPT_MS).toISOString();
        const ended = await db.calls
          .where('endedAt')
          .above(since)
          .reverse()
          .filter((c) => c.agentId === agentId && c.report !== undefined)
          .first();
        if (ended?.report && !this.lastReport) {
          this.lastReport = ended.report;
          this._onChange();
        }
        return false;
      }
      // Seen as running at once (so a tab taking over re-reads it), filled in below.
      this.state = deriveCallState(active, []);
      this.readOnly = !(await this._lockCall(active.callId));
      const events = await this.writer.load(active.callId);
      const elapsed = resumedElapsed(events.at(-1), Date.now());
      this.state = deriveCallState({...active, startedMono: monotonicNow() - elapsed * 1000}, events);
      this._onChange();
      return true;
    });
  }

  /** Starts a call with `script` pinned (null: the agent picks one); arguments are checked by the caller. */
  start(input: {
    callId: string;
    agentId: string;
    script: PackScript | null;
    pack: ContentPack;
    queue: string | null;
    context?: Record<string, unknown>;
  }): Promise<CallRecord> {
    return this._queue.run(async () => {
      if (this.call)
        throw new Error(
          `agent-assist: startCall() failed: call "${this.call.callId}" is still running; end it first`
        );
      const {callId} = input;
      const {db} = await this.open();
      if (await db.calls.get(callId))
        throw new Error(`agent-assist: startCall() expected a new callId; "${callId}" was already used`);
      // The writer is decided before the first event: a tab that opens this call from now on finds the
      // lock held and shows the call read-only from its first moment.
      if (!(await this._lockCall(callId))) {
        this.writer.release();
        throw new Error(`agent-assist: startCall() failed: call "${callId}" is being started in another tab`);
      }
      const record = newCallRecord({
        ...input,
        startedAt: new Date().toISOString(),
        startedMono: monotonicNow(),
      });
      this.state = deriveCallState(record, []);
      this.lastReport = null;
      this.writer.reset();
      this.readOnly = false;
      try {
        // The call record and its first event, one transaction; the event holds the hash of what the
        // call is scored against, so the chain covers it.
        const pin = await pinHash(record);
        await this._log(
          'call-start',
          {
            scriptId: record.scriptId,
            scriptVersion: input.script?.version ?? null,
            queue: input.queue,
            pinHash: pin,
            // The scoring rules this call is scored under: later rule changes never re-score it.
            scoring: SCORING_RULES,
          },
          (d) => d.calls.add(record)
        );
      } catch (err) {
        this._clear();
        throw err;
      }
      void this._checkHealth();
      this.context = {};
      if (input.context) this._mergeContext(input.context);
      this.error = null;
      this._onChange();
      this._emit('aa-call-start', {
        callId: record.callId,
        scriptId: record.scriptId,
        scriptVersion: input.script?.version ?? null,
      });
      if (this.state?.script)
        this._emit('aa-step-change', {
          callId: record.callId,
          stepId: this.state.script.currentStepId,
          previousStepId: null,
        });
      return record;
    });
  }

  /** Switches the running call to another script (logged); the new script starts at its first step. */
  switchScript(script: PackScript, checklists: readonly PackChecklist[]): Promise<void> {
    return this._queue.run(async () => {
      const call = this._requireCall('switchScript');
      const previous = this.state?.script?.currentStepId ?? null;
      const items = callItemsFor(script, checklists);
      await this._log(
        'script-switch',
        {
          scriptId: script.id,
          scriptVersion: script.version,
          fromScriptId: call.scriptId,
          pinHash: await pinHash({script, items}),
        },
        (db) => db.calls.update(call.callId, {scriptId: script.id, script, items})
      );
      this.state = deriveCallState({...call, scriptId: script.id, script, items}, this.writer.events);
      this._onChange();
      this._emit('aa-step-change', {
        callId: call.callId,
        stepId: this.state.script?.currentStepId ?? null,
        previousStepId: previous,
      });
    });
  }

  /**
   * Makes a move; resolves after it is logged. `move` may be a function of the current state (so a
   * host's `completeStep()` queued behind another move acts on the step current when its turn comes).
   * A move that does not fit rejects, naming `caller`, and changes nothing.
   */
  move(move: ScriptMove | ((state: CallState) => ScriptMove), caller: Caller): Promise<void> {
    return this._queue.run(async () => {
      const call = this._requireCall(caller);
      const state = this.state!;
      const next = typeof move === 'function' ? move(state) : move;
      if (!call.script)
        throw new Error(`agent-assist: ${caller}() needs a script; none is chosen for this call yet`);
      try {
        checkMove(call.script, movesFromEvents(state.scriptEvents).moves, next);
      } catch (err) {
        if (err instanceof ScriptMoveError)
          throw new Error(`agent-assist: ${caller}() failed: ${err.message}`);
        throw err;
      }
      const previous = state.script?.currentStepId ?? null;
      const logged = moveEvent(next, previous);
      this.busy = true;
      this._onChange();
      try {
        await this._log(logged.type, logged.data);
        this.error = null;
      } catch (err) {
        this.error = callError('step', err);
        throw err;
      } finally {
        // A committed move was applied by _log; a failed one changed nothing.
        this.busy = false;
        this._onChange();
      }
      this._emit('aa-step-change', {
        callId: call.callId,
        stepId: this.state?.script?.currentStepId ?? null,
        previousStepId: previous,
      });
    });
  }

  /**
   * Ticks, unticks or skips a checklist item of the running call; resolves after it is logged. An unknown
   * item rejects naming the call's items; a failed write leaves the item as it was.
   */
  markItem(
    itemId: string,
    action: {type: 'check'; source: 'agent' | 'host'} | {type: 'uncheck'} | {type: 'skip'; reason: string},
    caller: Caller
  ): Promise<void> {
    return this._queue.run(async () => {
      const call = this._requireCall(caller);
      const item = call.items.find((i) => i.id === itemId);
      if (!item) {
        const ids = call.items.map((i) => `"${i.id}"`).join(', ') || 'none';
        throw new Error(
          `agent-assist: ${caller}() expected the id of a checklist item of this call (${ids}); got "${itemId}"`
        );
      }
      const refusal = action.type === 'skip' ? skipRefusal(item, action.reason) : null;
      if (refusal) throw new Error(`agent-assist: ${caller}() refused: ${refusal}`);
      const data: Record<string, unknown> = {itemId};
      if (action.type === 'check') data.source = action.source;
      if (action.type === 'skip') data.reason = action.reason.trim();
      this.pendingItems = new Set(this.pendingItems).add(itemId);
      this._onChange();
      try {
        await this._log(`item-${action.type}`, data);
        this.error = null;
      } catch (err) {
        this.error = callError('item', err);
        throw err;
      } finally {
        const pending = new Set(this.pendingItems);
        pending.delete(itemId);
        this.pendingItems = pending;
        this._onChange();
      }
      // The item's standing as getCall() reports it (a tick after its deadline is `late`).
      const status = itemStatus(this.state!, itemId)!;
      this._emit(
        'aa-checklist-change',
        action.type === 'skip'
          ? {callId: call.callId, itemId, status, reason: action.reason.trim()}
          : {callId: call.callId, itemId, status}
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
    return this._queue.run(async () => {
      if (this.call && !this.readOnly) await this._log(type, data);
    });
  }

  /** The report the running call would get if it ended now (what the end-of-call prompt lists), or null. */
  previewReport(): AdherenceReport | null {
    const call = this.call;
    return call ? reportFromLog(call, this.writer.events, new Date().toISOString()) : null;
  }

  /**
   * Logs a knowledge signal (a search session, article feedback, an article opened): with the running
   * call when this tab writes one, else in the log's maintenance chain, since agents read and flag
   * articles between calls too. Uploaded like every event. `outside` says whose it is without a call.
   */
  noteKnowledge(
    type: string,
    data: Record<string, unknown>,
    outside: {agentId: string; packVersion: string}
  ): Promise<void> {
    return this._queue.run(async () => {
      if (this.call && !this.readOnly) {
        await this._log(type, data);
        return;
      }
      const {db, storage} = await this.open();
      await storage.appendEvent(
        db,
        {
          callId: MAINTENANCE_CALL_ID,
          agentId: outside.agentId,
          type,
          data,
          packVersion: outside.packVersion,
          callStartMono: monotonicNow(),
        },
        {epoch: this.writer.connection.epoch}
      );
      this._onLogged(true);
    });
  }

  /**
   * Ends the running call and resolves its report. The call-end event and the ended call record (report,
   * event count, chain check) are one transaction.
   */
  end(outcome: string | undefined): Promise<AdherenceReport> {
    return this._queue.run(async () => {
      const call = this._requireCall('endCall');
      const {db, storage} = await this.open();
      const endedAt = new Date().toISOString();
      const report = reportFromLog(call, this.writer.events, endedAt);
      // The stored chain is checked before it is closed: a QA lead sees at once if it was tampered with.
      const stored = await storage.callEvents(db, call.callId);
      const chain = await storage.verifyChain(stored);
      const {update, summary} = endedCallRecords(call, report, {...chain, count: stored.length}, outcome);
      await this._log('call-end', outcome === undefined ? {} : {outcome}, async (d) => {
        await d.calls.update(call.callId, update);
        await d.reports.put(summary);
      });
      this.lastReport = report;
      this._clear();
      void this._checkHealth();
      this._emit('aa-call-end', report);
      return report;
    });
  }

  /**
   * Merges host context (top-level keys merged one level deep: `{customer: {name}}` keeps
   * `customer.account`). Queued behind a resume, so it applies to the call being resumed.
   */
  setContext(context: Record<string, unknown>): Promise<void> {
    return this._queue.run(async () => {
      this._requireCall('setContext');
      this._mergeContext(context);
    });
  }

  private _mergeContext(context: Record<string, unknown>): void {
    this.context = mergeContext(this.context, context);
    this._onChange();
  }
}
