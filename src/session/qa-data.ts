/**
 * The data behind the QA view, without the view: ended calls of this browser's log and of imported team
 * files, importing and removing those files, exporting what the filters show, and a call's events for its
 * timeline (its chain checked again as it opens). With `qa-url`, the team's calls from the collector
 * instead: a page at a time, the aggregates computed by the collector for the current filter.
 */
import type {HealthReport} from '../health/health-report.js';
import type {ChainCheck, QaCall} from '../model/call-log.js';
import type {QaAggregate} from '../qa/aggregate-calls.js';
import type {QaFilter, QaTimelineEvent} from '../qa/qa-types.js';
import type {QaRemote} from '../sync/qa-remote.js';
import type {SyncAuth} from './api-types.js';
import type {CallSession} from './call-session.js';

/** The team's calls from the collector, as the QA view shows them. */
export interface QaRemoteState {
  /** The collector's URL, shown to say where the calls come from. */
  url: string;
  /** The calls loaded so far for the filter, newest first. */
  calls: QaCall[];
  /** The collector's numbers for the filter. */
  aggregate: QaAggregate | null;
  /** Agents and scripts to filter by: the team's, whatever the filter. */
  options: Pick<QaAggregate, 'agents' | 'scripts'>;
  /** More calls can be loaded ("Show more"). */
  hasMore: boolean;
}

/** A call's timeline: its events, and the call itself when the source had more of it than the list. */
export interface Timeline {
  events: QaTimelineEvent[];
  call?: QaCall;
}

/** How one imported file went: the calls it held and how many chains were broken, or why it was refused. */
export type ImportOutcome = {file: string; calls: number; broken: number} | {file: string; error: string};

export class QaData {
  /** Ended calls (null until first loaded). */
  calls: QaCall[] | null = null;
  busy = false;
  /** The last import's or load's outcome, for the view. */
  message: string | null = null;

  /** The team's calls from the collector, or null when this browser's calls are shown. */
  remote: QaRemoteState | null = null;
  /** The QA token for the collector (`qaAuth`). */
  auth: SyncAuth | null = null;

  private readonly _session: CallSession;
  private readonly _onChange: () => void;
  private _client: QaRemote | null = null;
  private _filter: QaFilter = {};
  private _next: string | null = null;
  /** Counts queries, so an answer overtaken by a newer filter is dropped. */
  private _generation = 0;

  constructor(session: CallSession, onChange: () => void) {
    this._session = session;
    this._onChange = onChange;
  }

  /** Shows the team's calls from the collector at `url` (null: this browser's calls and imported files). */
  async setRemote(url: string | null): Promise<void> {
    if ((this.remote?.url ?? null) === url) return;
    this._generation++;
    this._client = null;
    this.remote = null;
    this.calls = null;
    if (url) {
      const {QaRemote} = await import('../sync/qa-remote.js');
      this._client = new QaRemote({
        url,
        auth: async () => (this.auth ? ((await this.auth()) ?? null) : null),
      });
      this.remote = {url, calls: [], aggregate: null, options: {agents: [], scripts: []}, hasMore: false};
    }
    this._onChange();
  }

  /** Loads the collector's calls and numbers for `filter` (the first page; "Show more" adds the next). */
  async query(filter: QaFilter): Promise<void> {
    const client = this._client;
    if (!client || !this.remote) return;
    const generation = ++this._generation;
    this._filter = {...filter};
    await this._busy(async () => {
      const unfiltered = !filter.agentId && !filter.scriptId && !filter.from && !filter.to;
      const [page, aggregate, options] = await Promise.all([
        client.page(filter),
        client.aggregates(filter),
        // The filter choices are the team's: asked without the filter (once, or with it when it is none).
        unfiltered || this.remote!.options.agents.length > 0
          ? null
          : client.aggregates({}).then((a) => ({agents: a.agents, scripts: a.scripts})),
      ]);
      if (generation !== this._generation || !this.remote) return;
      this._next = page.next;
      this.remote = {
        ...this.remote,
        calls: page.calls,
        aggregate,
        options:
          options ??
          (unfiltered ? {agents: aggregate.agents, scripts: aggregate.scripts} : this.remote.options),
        hasMore: page.next !== null,
      };
    });
  }

  /** The next page of the collector's calls for the current filter. */
  async more(): Promise<void> {
    const client = this._client;
    if (!client || !this.remote || !this._next) return;
    const generation = this._generation;
    await this._busy(async () => {
      const page = await client.page(this._filter, this._next);
      if (generation !== this._generation || !this.remote) return;
      this._next = page.next;
      this.remote = {
        ...this.remote,
        calls: [...this.remote.calls, ...page.calls],
        hasMore: page.next !== null,
      };
    });
  }

  /** Runs `work` with the view busy; its error becomes the view's message. */
  private async _busy(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.message = null;
    this._onChange();
    try {
      await work();
    } catch (err) {
      this.message = (err as Error).message;
    } finally {
      this.busy = false;
      this._onChange();
    }
  }

  /** Reads the list of ended calls again (with a collector: the current filter's first page). */
  async refresh(): Promise<void> {
    if (this.remote) return this.query(this._filter);
    this.busy = true;
    this._onChange();
    try {
      const {db, storage} = await this._session.open();
      this.calls = await storage.listQaCalls(db);
    } catch (err) {
      this.calls ??= [];
      this.message = (err as Error).message;
    } finally {
      this.busy = false;
      this._onChange();
    }
  }

  /**
   * Imports exported log files, one after another: each is read, checked against the log file's schema
   * and prepared in the import worker (chains verified, reports recomputed), then written in one
   * transaction. A file that fails changes nothing (an earlier import of it stays as it was); the others
   * still import.
   */
  async importFiles(files: readonly File[]): Promise<ImportOutcome[]> {
    const {importInWorker} = await import('./import-worker.js');
    const {db, storage} = await this._session.open();
    const log = this._session.connection;
    // The worker writes to a durable database itself; an in-memory one lives in this page only.
    const target =
      log.unavailable === null && !log.lost
        ? {dbName: log.name, ...(log.epoch !== undefined ? {epoch: log.epoch} : {})}
        : null;
    const outcomes: ImportOutcome[] = [];
    this.busy = true;
    this._onChange();
    for (const file of files) {
      let done;
      try {
        done = await importInWorker(file, target, this.startImportWorker ?? undefined);
      } catch (err) {
        outcomes.push({file: file.name, error: (err as Error).message});
        continue;
      }
      try {
        const result = 'written' in done ? done.written : await storage.writeImport(db, done.prepared);
        outcomes.push({file: file.name, calls: result.calls, broken: result.broken.length});
      } catch (err) {
        outcomes.push({
          file: file.name,
          error: `${file.name}: not imported, nothing changed (${(err as Error).message})`,
        });
      }
    }
    await this.refresh();
    return outcomes;
  }

  /** Starts the import worker in place of the default one (tests: a function returning null prepares on the page). */
  startImportWorker: (() => Worker | null) | null = null;

  /** Removes every imported file's calls. */
  async clearImports(): Promise<void> {
    const {db, storage} = await this._session.open();
    await storage.clearImports(db);
    this.message = null;
    await this.refresh();
  }

  /** The calls the filter shows, as an exported log file (JSON) or one row per event (CSV). */
  async exportCalls(format: 'json' | 'csv', filter: QaFilter): Promise<Blob> {
    if (this._client) return this._client.export(format, filter);
    const {filterCalls} = await import('../qa/aggregate-calls.js');
    const {logFileBlob} = await import('../qa/log-file.js');
    const {db, storage} = await this._session.open();
    const picked = await storage.recordsForQaCalls(db, filterCalls(this.calls ?? [], filter));
    return logFileBlob(format, picked.calls, picked.events);
  }

  /**
   * A call's events for its timeline. The chain is checked again as it opens: the status in the list was
   * taken when the call ended (or was imported), and the log may have been edited since.
   */
  /** The team's knowledge-health report from the collector (the QA view's section; remote only). */
  loadHealth = async (filter: QaFilter): Promise<HealthReport> => {
    if (!this._client)
      throw new Error('agent-assist: the knowledge-health report needs qa-url (the collector)');
    return this._client.knowledgeHealth(filter);
  };

  loadTimeline = async (call: QaCall): Promise<Timeline> => {
    // The collector checked the chain as the events arrived; its list has the report's summary only.
    if (this._client) return this._client.call(call.report.callId);
    const {db, storage} = await this._session.open();
    const events = await storage.qaCallEvents(db, call.source, call.report.callId);
    const chain: ChainCheck = await storage.verifyChain(events).catch((err: Error) => ({
      ok: false,
      checked: 0,
      brokenAt: err.message,
    }));
    if (chain.ok !== call.chain.ok || chain.brokenAt !== call.chain.brokenAt) {
      call.chain = chain;
      // A new list, so the view renders the changed status (rare: only after an edit).
      if (this.calls) this.calls = [...this.calls];
      this._onChange();
    }
    const {timelineEventShape} = await import('../qa/qa-call-shape.js');
    return {events: events.map(timelineEventShape)};
  };
}
