/**
 * `<aa-qa-view>`: the QA lead's view of ended calls. Filters, summary numbers, the mean score per day
 * (uPlot, loaded on first use), scores by category, the most-missed items and the calls table; a row opens
 * the call's report and logged events. Presentational: the shell passes calls in and handles the import
 * and export events; the numbers come from the pure `aggregate-calls` module, once per data/filter change.
 * With `remote` (the team's calls from the collector), the shell passes a page of calls and the
 * collector's numbers instead, and the view asks for them again when the filter changes.
 * The chart is drawn by `trend-chart.ts` and the open call by `qa-call-detail.ts`.
 */
import {html, LitElement} from 'lit';
import type {PropertyValues} from 'lit';
import type {UiStrings} from '../../i18n/strings.js';
import {aggregateCalls, callOptions, filterCalls, localDay} from '../../qa/aggregate-calls.js';
import {displayText} from '../../qa/display-text.js';
import type {QaAggregate} from '../../qa/aggregate-calls.js';
import type {QaFilter} from '../../qa/qa-types.js';
import type {QaRemoteState, Timeline} from '../../session/qa-data.js';
import {emit} from '../emit.js';
import {WidgetContextConsumer} from '../../controllers/widget-context.js';
import {componentStyles} from '../../styles/component.styles.js';
import {renderCategories, renderMissed} from './qa-breakdowns.js';
import {chainText, renderCallDetail} from './qa-call-detail.js';
import type {CallTimeline} from './qa-call-detail.js';
import {dayStart, formats, formatTime, sourceLabel} from './qa-format.js';
import type {Formats} from './qa-format.js';
import type {HealthReport} from '../../health/health-report.js';
import {renderKnowledgeHealth} from './qa-knowledge-health.js';
import type {HealthState} from './qa-knowledge-health.js';
import {qaViewStyles} from './qa-view.styles.js';
import {TrendChart} from './trend-chart.js';
import type {QaCall} from '../../model/call-log.js';

/** `aa-internal-qa-import` detail. */
export interface QaImportDetail {
  files: File[];
}

/** `aa-internal-qa-export` detail: the calls to export are those passing `filter`. */
export interface QaExportDetail {
  format: 'json' | 'csv';
  filter: QaFilter;
}

/** `aa-internal-qa-query` detail: the collector's calls and numbers are needed for `filter`. */
export interface QaQueryDetail {
  filter: QaFilter;
}

/** Calls listed at first, and added by each "Show more": a long table is what makes a filter change slow. */
export const QA_TABLE_PAGE = 50;

/**
 * @summary Call-quality review: filters, summary, trend chart, most-missed items, calls and timelines.
 * @fires aa-internal-qa-import - Files were chosen to import: `{files: File[]}`.
 * @fires aa-internal-qa-clear - The QA lead removes every imported file (this browser's calls stay).
 * @fires aa-internal-qa-export - An export was asked for: `{format: 'json' | 'csv', filter: QaFilter}`.
 * @fires aa-internal-qa-query - With `remote`: the filter changed, `{filter}`.
 * @fires aa-internal-qa-more - With `remote`: "Show more" asks for the collector's next page.
 */
export class AaQaView extends LitElement {
  static override styles = [componentStyles, qaViewStyles];

  static override properties = {
    calls: {attribute: false},
    remote: {attribute: false},
    loadTimeline: {attribute: false},
    loadHealth: {attribute: false},
    _health: {state: true},
    busy: {type: Boolean},
    message: {},
    _filter: {state: true},
    _timeline: {state: true},
    _rowLimit: {state: true},
  };

  declare calls: QaCall[];
  /** The team's calls from the collector (then `calls` is unused), or null for `calls`. */
  declare remote: QaRemoteState | null;
  /** Strings, language, pack and date from the root (Lit context). */
  private readonly _widget = new WidgetContextConsumer(this);
  /** The strings and language the date formats and chart labels were made for. */
  private _madeFor: {strings: UiStrings | null; lang: string} = {strings: null, lang: ''};
  /** Loads a call's logged events for its timeline; `null` when no log is available. */
  declare loadTimeline: ((call: QaCall) => Promise<Timeline>) | null;
  /** Loads the team's knowledge-health report for the filter's period (with a collector), else null. */
  declare loadHealth: ((filter: QaFilter) => Promise<HealthReport>) | null;
  declare private _health: HealthState;
  /** An import or export is running: their controls are disabled. */
  declare busy: boolean;
  /** A status or error line to show (announced politely). */
  declare message: string | null;
  declare private _filter: QaFilter;
  /** The call whose timeline is open. */
  declare private _timeline: CallTimeline | null;
  /** How many calls the table lists (grows with "Show more", back to a page when the filter changes). */
  declare private _rowLimit: number;

  // Derived once per data/filter change in willUpdate, never per render.
  private _sorted: QaCall[] = [];
  private _filtered: QaCall[] = [];
  private _agg: QaAggregate = aggregateCalls([]);
  private _options: Pick<QaAggregate, 'agents' | 'scripts'> = {agents: [], scripts: []};
  private _days = new Map<string, string>();
  private _fmt: Formats = formats('en');
  /** The calls could not be sorted or summarized: only the actions and a notice are shown. */
  private _cannotShow = false;
  /** Draws the filtered calls' trend into `.chart-plot`; reads the data when it draws, so always current. */
  private readonly _chart = new TrendChart(this, {
    container: () => this.renderRoot.querySelector<HTMLElement>('.chart-plot'),
    data: () => ({trend: this._agg.trend, strings: this._widget.strings, fmt: this._fmt}),
  });
  /** The table row that opened the timeline, to return focus to. */
  private _openedRow = -1;

  constructor() {
    super();
    this.calls = [];
    this.remote = null;
    this.loadTimeline = null;
    this.loadHealth = null;
    this._health = {status: 'closed'};
    this.busy = false;
    this.message = null;
    this._filter = {};
    this._timeline = null;
    this._rowLimit = QA_TABLE_PAGE;
  }

  override willUpdate(changed: PropertyValues): void {
    const lang = this._widget.lang;
    if (lang !== this._madeFor.lang) this._fmt = formats(lang);
    // The chart's labels and date formats come from these.
    if (lang !== this._madeFor.lang || this._widget.strings !== this._madeFor.strings)
      this._chart.invalidate();
    this._madeFor = {strings: this._widget.strings, lang};
    if (this.remote) {
      this._willUpdateRemote(changed, this.remote);
      return;
    }
    try {
      this._derive(changed);
      this._cannotShow = false;
    } catch (err) {
      // Data the view cannot read (rows an earlier build imported unchecked): the overview is replaced by
      // a notice, and the import controls, "Remove imported files" among them, stay in reach.
      console.warn(`agent-assist: the QA view cannot show these calls (${(err as Error).message})`);
      this._sorted = this._filtered = [];
      this._agg = aggregateCalls([]);
      this._cannotShow = true;
    }
  }

  /** The sorted and filtered calls, their aggregate and the filter choices, from `calls` and `_filter`. */
  private _derive(changed: PropertyValues): void {
    if (changed.has('calls')) {
      this._days = new Map();
      const time = new Map(this.calls.map((c) => [c, Date.parse(c.report.startedAt) || 0]));
      this._sorted = [...this.calls].sort((a, b) => time.get(b)! - time.get(a)!);
      this._options = callOptions(this.calls);
      // A filter on an agent or script no longer present would hide every call behind an invisible choice.
      const {agentId, scriptId} = this._filter;
      if (agentId && !this._options.agents.includes(agentId)) this._setFilter('agentId', '');
      if (scriptId && !this._options.scripts.some((s) => s.id === scriptId)) this._setFilter('scriptId', '');
    }
    if (changed.has('calls') || changed.has('_filter')) {
      this._rowLimit = QA_TABLE_PAGE;
      this._filtered = filterCalls(this._sorted, this._filter, this._dayOf);
      this._agg = aggregateCalls(this._filtered, this._dayOf);
      this._chart.invalidate();
    }
  }

  /** With the collector: its page and numbers are shown as they are; a new filter asks for new ones. */
  private _willUpdateRemote(changed: PropertyValues, remote: QaRemoteState): void {
    if (changed.has('remote')) {
      this._filtered = remote.calls;
      this._agg = remote.aggregate ?? aggregateCalls([]);
      this._options = remote.options;
      this._rowLimit = remote.calls.length;
      this._chart.invalidate();
      // A collector just set: its first page for the current filter.
      if (!changed.get('remote')) emit(this, 'aa-internal-qa-query', {filter: {...this._filter}});
    }
    if (changed.has('_filter') && changed.get('_filter') !== undefined)
      emit(this, 'aa-internal-qa-query', {filter: {...this._filter}});
  }

  /** `localDay`, remembered per timestamp for the current calls (filters and aggregates both need it). */
  private _dayOf = (iso: string): string => {
    let day = this._days.get(iso);
    if (day === undefined) {
      day = localDay(iso);
      this._days.set(iso, day);
    }
    return day;
  };

  private _setFilter(key: keyof QaFilter, value: string): void {
    const next = {...this._filter};
    // Absent, not undefined: the filter travels in export events and may be serialized.
    if (value === '') delete next[key];
    else next[key] = value;
    this._filter = next;
  }

  private _onImport(e: Event): void {
    const input = e.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    // Cleared so choosing the same file again (e.g. after fixing it) fires change again.
    input.value = '';
    if (files.length > 0) emit(this, 'aa-internal-qa-import', {files});
  }

  private _export(format: 'json' | 'csv'): void {
    emit(this, 'aa-internal-qa-export', {format, filter: {...this._filter}});
  }

  private async _open(call: QaCall, row: number): Promise<void> {
    this._openedRow = row;
    const load = this.loadTimeline;
    const timeline: CallTimeline = {call, state: load ? 'loading' : 'unavailable', events: []};
    this._timeline = timeline;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.detail-head')?.focus();
    if (!load) return;
    let next: CallTimeline;
    try {
      const loaded = await load(call);
      const events = [...loaded.events].sort((a, b) => a.seq - b.seq);
      next = {call: loaded.call ?? call, state: 'ready', events};
    } catch {
      next = {call, state: 'error', events: []};
    }
    // Another call may have been opened (or the view closed) while this one loaded.
    if (this._timeline === timeline) this._timeline = next;
  }

  private async _close(): Promise<void> {
    this._timeline = null;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-row="${this._openedRow}"]`)?.focus();
  }

  /** Opening the knowledge-health section loads the report for the filter's period. */
  private async _toggleHealth(open: boolean): Promise<void> {
    const load = this.loadHealth;
    if (!open || !load) {
      this._health = {status: 'closed'};
      return;
    }
    this._health = {status: 'loading'};
    try {
      this._health = {status: 'ready', report: await load({...this._filter})};
    } catch (err) {
      this._health = {status: 'error', message: (err as Error).message};
    }
  }

  override render() {
    const s = this._widget.strings;
    if (!s) return html``;
    const t = this._timeline;
    return html`
      <div aria-busy=${this.busy ? 'true' : 'false'}>
        <p class="message" role="status">${this.message ?? ''}</p>
        ${t ? renderCallDetail(s, this._fmt, t, () => void this._close()) : null}
        <div ?hidden=${t !== null}>${this._renderOverviewSafely(s)}</div>
      </div>
    `;
  }

  /**
   * The overview, or where the calls hold what it cannot render, the actions and a notice: a template
   * that throws would leave the tab blank, "Remove imported files" with it.
   */
  private _renderOverviewSafely(s: UiStrings) {
    if (!this._cannotShow) {
      try {
        return this._renderOverview(s);
      } catch (err) {
        console.warn(`agent-assist: the QA view cannot show these calls (${(err as Error).message})`);
      }
    }
    return html`${this._renderActions(s)}
      <p class="empty" role="alert">${s.qaCannotShow}</p>`;
  }

  /** Import, export and "Remove imported files": shown whatever the calls hold. */
  private _renderActions(s: UiStrings) {
    const remote = this.remote;
    // Imports are this browser's: with a collector, the team's calls come from it.
    return html`<div class="actions">
      ${
        remote
          ? html`<p class="source">${s.qaTeamSource(remote.url)}</p>`
          : html`<label class="file-button"
              >${s.qaImport}
              <input
                type="file"
                multiple
                accept=".json,application/json"
                ?disabled=${this.busy}
                @change=${this._onImport}
            /></label>`
      }
      ${
        remote || this.calls.length > 0
          ? html`<button
                ?disabled=${this.busy || this._filtered.length === 0}
                @click=${() => this._export('json')}
              >
                ${s.qaExportJson}
              </button>
              <button
                ?disabled=${this.busy || this._filtered.length === 0}
                @click=${() => this._export('csv')}
              >
                ${s.qaExportCsv}
              </button>`
          : null
      }
      ${
        !remote && this.calls.some((c) => c.source !== 'local')
          ? html`<button ?disabled=${this.busy} @click=${() => emit(this, 'aa-internal-qa-clear')}>
              ${s.qaClearImports}
            </button>`
          : null
      }
    </div>`;
  }

  private _renderOverview(s: UiStrings) {
    const remote = this.remote;
    const f = this._filter;
    const filtering = !!(f.agentId || f.scriptId || f.from || f.to);
    const actions = this._renderActions(s);
    const health = this.loadHealth
      ? renderKnowledgeHealth(s, this._health, (open) => void this._toggleHealth(open))
      : null;
    const empty = remote
      ? remote.aggregate !== null && remote.calls.length === 0 && !filtering
      : this.calls.length === 0;
    if (empty)
      return html`${actions}
        <p class="empty">${s.qaNoCalls}</p>
        ${health}`;
    const agg = this._agg;
    return html`
      ${actions} ${this._renderFilters(s)} ${health}
      ${
        remote && remote.aggregate === null
          ? html`<p class="empty">${s.qaLoading}</p>`
          : agg.count === 0 && this._filtered.length === 0
            ? html`<p class="empty">${s.qaNoMatch}</p>`
            : html`
                <dl class="summary">
                  <div>
                    <dt>${s.qaCalls}</dt>
                    <dd>${this._fmt.num.format(agg.count)}</dd>
                  </div>
                  <div>
                    <dt>${s.qaMeanScore}</dt>
                    <dd>${agg.meanScore === null ? '—' : this._fmt.num.format(agg.meanScore)}</dd>
                  </div>
                  <div>
                    <dt>${s.qaCriticalFailures}</dt>
                    <dd class=${agg.criticalFailures > 0 ? 'bad' : ''}>
                      ${this._fmt.num.format(agg.criticalFailures)}
                    </dd>
                  </div>
                </dl>
                ${this._renderTrend(s, agg)} ${renderCategories(s, agg, this._fmt.num)}
                ${renderMissed(s, agg)} ${this._renderTable(s)}
              `
      }
    `;
  }

  private _renderFilters(s: UiStrings) {
    const f = this._filter;
    return html`<fieldset class="filters">
      <legend class="visually-hidden">${s.qaFilters}</legend>
      <label
        >${s.qaAgent}
        <select @change=${(e: Event) => this._setFilter('agentId', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!f.agentId}>${s.qaAllAgents}</option>
          ${this._options.agents.map((a) => html`<option value=${a} ?selected=${f.agentId === a}>${a}</option>`)}
        </select></label
      >
      <label
        >${s.qaScript}
        <select @change=${(e: Event) => this._setFilter('scriptId', (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!f.scriptId}>${s.qaAllScripts}</option>
          ${this._options.scripts.map(
            (sc) => html`<option value=${sc.id} ?selected=${f.scriptId === sc.id}>${sc.title}</option>`
          )}
        </select></label
      >
      <label
        >${s.qaFrom}
        <input
          type="date"
          .value=${f.from ?? ''}
          max=${f.to ?? ''}
          @change=${(e: Event) => this._setFilter('from', (e.target as HTMLInputElement).value)}
      /></label>
      <label
        >${s.qaTo}
        <input
          type="date"
          .value=${f.to ?? ''}
          min=${f.from ?? ''}
          @change=${(e: Event) => this._setFilter('to', (e.target as HTMLInputElement).value)}
      /></label>
      ${
        f.agentId || f.scriptId || f.from || f.to
          ? html`<button type="button" @click=${() => (this._filter = {})}>${s.qaClearFilters}</button>`
          : null
      }
    </fieldset>`;
  }

  private _renderTrend(s: UiStrings, agg: QaAggregate) {
    const trend = agg.trend;
    if (trend.length === 0) return null;
    const {num} = this._fmt;
    const label = (d: string) => this._fmt.day.format(new Date(dayStart(d) * 1000));
    const summary = s.qaTrendSummary(trend.length, label(trend[0]!.day), label(trend[trend.length - 1]!.day));
    // The table is hidden through a wrapper: a table does not shrink to a 1 px box, and would stick out.
    return html`<h3>${s.qaTrend}</h3>
      <div class="chart" ?hidden=${this._chart.failed}>
        <div class="chart-plot" role="img" aria-label=${summary}></div>
      </div>
      <div class=${this._chart.failed ? '' : 'visually-hidden'}>
        <table class="trend">
          <caption>
            ${summary}
          </caption>
          <thead>
            <tr>
              <th scope="col">${s.qaDay}</th>
              <th scope="col">${s.qaMeanScore}</th>
              <th scope="col">${s.qaCalls}</th>
            </tr>
          </thead>
          <tbody>
            ${trend.map(
              (p) =>
                html`<tr>
                  <td>${label(p.day)}</td>
                  <td>${num.format(p.meanScore)}</td>
                  <td>${num.format(p.count)}</td>
                </tr>`
            )}
          </tbody>
        </table>
      </div>`;
  }

  private _renderTable(s: UiStrings) {
    const rows = this._filtered.slice(0, this._rowLimit);
    const {num} = this._fmt;
    // With a collector, the loaded pages; in all, as many as it counted (at least those loaded).
    const total = this.remote ? Math.max(this._agg.count, rows.length) : this._filtered.length;
    const more = this.remote
      ? this.remote.hasMore
        ? html`<button class="more" ?disabled=${this.busy} @click=${() => emit(this, 'aa-internal-qa-more')}>
            ${s.qaShowMore(QA_TABLE_PAGE)}
          </button>`
        : null
      : rows.length < this._filtered.length
        ? html`<button class="more" @click=${() => (this._rowLimit += QA_TABLE_PAGE)}>
            ${s.qaShowMore(Math.min(QA_TABLE_PAGE, this._filtered.length - rows.length))}
          </button>`
        : null;
    return html`<h3>${s.qaCalls}</h3>
      <div class="table-wrap">
        <table class="calls">
          <caption>
            ${s.qaShowing(rows.length, total)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${s.qaTime}</th>
              <th scope="col">${s.qaAgent}</th>
              <th scope="col">${s.qaScript}</th>
              <th scope="col" class="score">${s.qaScore}</th>
              <th scope="col" title=${s.qaCritical}>
                <span aria-hidden="true">⚠</span><span class="visually-hidden">${s.qaCritical}</span>
              </th>
              <th scope="col">${s.qaChain}</th>
              <th scope="col">${s.qaSource}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((call, i) => {
              const r = call.report;
              return html`<tr>
                <td>
                  <button class="link" data-row=${i} @click=${() => void this._open(call, i)}>
                    ${formatTime(this._fmt, r.startedAt)}
                  </button>
                </td>
                <td>${displayText(r.agentId)}</td>
                <td>${displayText(call.scriptTitle || r.scriptId || '—')}</td>
                <td class="score">${call.chain.incomplete && !r.endedAt ? '—' : num.format(r.score)}</td>
                <td>
                  ${
                    r.criticalFailed
                      ? html`<span class="crit" title=${s.qaCritical}
                          ><span aria-hidden="true">✗</span
                          ><span class="visually-hidden">${s.qaCritical}</span></span
                        >`
                      : null
                  }
                </td>
                <td>${chainText(s, call)}</td>
                <td>${sourceLabel(s, call)}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
      ${more}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-qa-view': AaQaView;
  }
}
