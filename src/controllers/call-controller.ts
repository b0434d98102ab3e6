/**
 * Runs call sessions for an element: picks and pins the script, logs every move before showing it
 * (IndexedDB commit first), derives the script state from the log, resumes an unfinished call after a
 * reload, and ends calls with their report. The host's context is kept in memory for display only and
 * is never written to the log.
 */
import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {buildStepReport} from '../calls/step-report.js';
import {movesFromEvents} from '../calls/moves-from-events.js';
import type {ContentPack, PackScript} from '../content/pack-types.js';
import type {AdherenceReport} from '../events/aa-event.js';
import {checkMove, deriveScriptState} from '../scripting/script-engine.js';
import type {ScriptMove, ScriptState} from '../scripting/types.js';
import type * as StorageModule from '../storage/index.js';
import type {AssistDb, CallRecord, LogEvent} from '../storage/index.js';

/** The storage module, loaded on first use (it carries Dexie, the largest dependency). */
type Storage = typeof StorageModule;

/** What the element learns from the controller, to fire its public events. */
export interface CallCallbacks {
  onStart(call: CallRecord): void;
  onStep(callId: string, stepId: string | null, previousStepId: string | null): void;
  onEnd(report: AdherenceReport): void;
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

  private readonly _host: ReactiveControllerHost;
  private readonly _callbacks: CallCallbacks;
  private readonly _dbName: string;
  private _db: AssistDb | null = null;
  private _storage: Storage | null = null;
  private _events: LogEvent[] = [];
  private _queue: Promise<unknown> = Promise.resolve();

  constructor(host: ReactiveControllerHost, callbacks: CallCallbacks, dbName = 'agent-assist') {
    this._host = host;
    this._callbacks = callbacks;
    this._dbName = dbName;
    host.addController(this);
  }

  hostDisconnected(): void {
    this._db?.close();
    this._db = null;
  }

  /** Loads the storage module (Dexie) on first use and opens the database. */
  private async _open(): Promise<{db: AssistDb; storage: Storage}> {
    this._storage ??= await import('../storage/index.js');
    this._db ??= new this._storage.AssistDb(this._dbName);
    return {db: this._db, storage: this._storage};
  }

  /** One call operation at a time, in order (a double key press must not race its own log write). */
  private _serial<T>(op: () => Promise<T>): Promise<T> {
    const next = this._queue.catch(() => undefined).then(op);
    this._queue = next;
    return next;
  }

  private async _log(type: string, data: Record<string, unknown>): Promise<LogEvent> {
    const call = this.call!;
    const {db, storage} = await this._open();
    const event = await storage.appendEvent(db, {
      callId: call.callId,
      agentId: call.agentId,
      type,
      data,
      packVersion: call.packHash,
      callStartMono: call.startedMono,
    });
    this._events.push(event);
    return event;
  }

  private _derive(): void {
    const script = this.call?.script;
    this.state = script ? deriveScriptState(script, movesFromEvents(this._events).moves) : null;
  }

  /** Settles once the resume check after connecting has run (getCall waits for it). */
  resumed: Promise<boolean> = Promise.resolve(false);

  /** Resumes this agent's unfinished call, if the log has one. */
  resume(agentId: string): Promise<boolean> {
    return (this.resumed = this._serial(async () => {
      if (this.call) return true;
      const {db, storage} = await this._open();
      const active = (await db.calls.where('status').equals('active').toArray())
        .filter((c) => c.agentId === agentId)
        .sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1))[0];
      if (!active) return false;
      this.call = active;
      this._events = await storage.callEvents(db, active.callId);
      // The monotonic clock restarts with the page: keep offsets continuous from the last logged one.
      const lastOffset = this._events.at(-1)?.offset ?? 0;
      this.call = {...active, startedMono: performance.timeOrigin + performance.now() - lastOffset * 1000};
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
      };
      const {db} = await this._open();
      if (await db.calls.get(record.callId)) {
        throw new Error(
          `agent-assist: startCall() expected a new callId; "${record.callId}" was already used`
        );
      }
      await db.calls.add(record);
      this.call = record;
      this._events = [];
      await this._log('call-start', {
        scriptId: record.scriptId,
        scriptVersion: input.script?.version ?? null,
        queue: input.queue,
      });
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
  switchScript(script: PackScript): Promise<void> {
    return this._serial(async () => {
      const call = this._requireCall('switchScript');
      const previous = this.state?.currentStepId ?? null;
      await this._log('script-switch', {
        scriptId: script.id,
        scriptVersion: script.version,
        fromScriptId: call.scriptId,
      });
      this.call = {...call, scriptId: script.id, script};
      await (await this._open()).db.calls.update(call.callId, {scriptId: script.id, script});
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
      const {moves} = movesFromEvents(this._events);
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
        this.busy = false;
        this._derive();
        this._host.requestUpdate();
      }
      this._callbacks.onStep(call.callId, this.state!.currentStepId, previous);
      return this.state!;
    });
  }

  /**
   * Logs something the agent did during the call that is not a script move (an article opened, a search
   * run). Does nothing without a running call. Only ids and counts: never text the agent typed, which
   * may hold customer data.
   */
  note(type: 'article-open' | 'search', data: Record<string, string | number>): Promise<void> {
    if (!this.call) return Promise.resolve();
    return this._serial(async () => {
      if (this.call) await this._log(type, data);
    });
  }

  /** Ends the running call and resolves its report. */
  end(outcome: string | undefined): Promise<AdherenceReport> {
    return this._serial(async () => {
      const call = this._requireCall('endCall');
      await this._log('call-end', outcome === undefined ? {} : {outcome});
      const endedAt = new Date().toISOString();
      await (await this._open()).db.calls.update(call.callId, {status: 'ended', endedAt});
      const report = buildStepReport({
        callId: call.callId,
        agentId: call.agentId,
        script: call.script,
        state: this.state,
        startedAt: call.startedAt,
        endedAt,
        stepTimes: movesFromEvents(this._events).stepTimes,
      });
      this.call = null;
      this.state = null;
      this._events = [];
      this.context = {};
      this._host.requestUpdate();
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
