/**
 * The data behind the QA view, without the view: ended calls of this browser's log and of imported team
 * files, importing and removing those files, exporting what the filters show, and a call's events for its
 * timeline (its chain checked again as it opens).
 */
import type {ChainCheck, LogEvent, QaCall} from '../model/call-log.js';
import type {QaFilter} from '../qa/qa-types.js';
import type {CallSession} from './call-session.js';

/** How one imported file went: the calls it held and how many chains were broken, or why it was refused. */
export type ImportOutcome = {file: string; calls: number; broken: number} | {file: string; error: string};

export class QaData {
  /** Ended calls (null until first loaded). */
  calls: QaCall[] | null = null;
  busy = false;
  /** The last import's or load's outcome, for the view. */
  message: string | null = null;

  private readonly _session: CallSession;
  private readonly _onChange: () => void;

  constructor(session: CallSession, onChange: () => void) {
    this._session = session;
    this._onChange = onChange;
  }

  /** Reads the list of ended calls again. */
  async refresh(): Promise<void> {
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

  /** Imports exported log files (each call's chain verified, its report recomputed), then refreshes. */
  async importFiles(files: readonly File[]): Promise<ImportOutcome[]> {
    const {parseLogFile} = await import('../qa/log-file.js');
    const {db, storage} = await this._session.open();
    const outcomes: ImportOutcome[] = [];
    this.busy = true;
    this._onChange();
    for (const file of files) {
      try {
        // "local" names this browser's own log in the QA view: an imported file never takes that name.
        const source = file.name === 'local' ? 'local (imported)' : file.name;
        const result = await storage.importLogFile(db, source, parseLogFile(await file.text(), file.name));
        outcomes.push({file: file.name, calls: result.calls, broken: result.broken.length});
      } catch (err) {
        outcomes.push({file: file.name, error: (err as Error).message});
      }
    }
    await this.refresh();
    return outcomes;
  }

  /** Removes every imported file's calls. */
  async clearImports(): Promise<void> {
    const {db, storage} = await this._session.open();
    await storage.clearImports(db);
    this.message = null;
    await this.refresh();
  }

  /** The calls the filter shows, as an exported log file (JSON) or one row per event (CSV). */
  async exportCalls(format: 'json' | 'csv', filter: QaFilter): Promise<Blob> {
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
  loadTimeline = async (call: QaCall): Promise<LogEvent[]> => {
    const {db, storage} = await this._session.open();
    const events = await storage.qaCallEvents(db, call.source, call.report.callId);
    const chain: ChainCheck = await storage.verifyChain(events);
    if (chain.ok !== call.chain.ok || chain.brokenAt !== call.chain.brokenAt) {
      call.chain = chain;
      // A new list, so the view renders the changed status (rare: only after an edit).
      if (this.calls) this.calls = [...this.calls];
      this._onChange();
    }
    return events;
  };
}
