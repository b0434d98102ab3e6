/**
 * `<aa-qa-view>`: the QA lead's view of ended calls. Filters, summary numbers, the mean score per day
 * (uPlot, loaded on first use), scores by category, the most-missed items and the calls table; a row opens
 * the call's report and logged events. Presentational: the shell passes calls in and handles the import
 * and export events; the numbers come from the pure `aggregate-calls` module, once per data/filter change.
 */
import {html, LitElement} from 'lit';
import type {PropertyValues} from 'lit';
import {styleMap} from 'lit/directives/style-map.js';
import type uPlot from 'uplot';
import type {AdherenceItem} from '../../events/aa-event.js';
import type {UiStrings} from '../../i18n/strings.js';
import {aggregateCalls, callOptions, filterCalls, localDay} from '../../qa/aggregate-calls.js';
import type {QaAggregate} from '../../qa/aggregate-calls.js';
import type {QaCall, QaFilter, QaTimelineEvent} from '../../qa/qa-types.js';
import {componentStyles} from '../../styles/component.styles.js';
import {qaViewStyles} from './qa-view.styles.js';

/** `aa-internal-qa-import` detail. */
export interface QaImportDetail {
  files: File[];
}

/** `aa-internal-qa-export` detail: the calls to export are those passing `filter`. */
export interface QaExportDetail {
  format: 'json' | 'csv';
  filter: QaFilter;
}

/** Rows the calls table shows at most; the summary and chart still cover every filtered call. */
export const QA_TABLE_LIMIT = 200;

const CHART_HEIGHT = 170;
const DAY_S = 86400;
const CATEGORIES: AdherenceItem['category'][] = ['etiquette', 'knowledge', 'procedure'];

// One load for every instance; a failed load (e.g. offline before the chunk was cached) may be retried.
let uplotLoad: Promise<typeof uPlot> | null = null;
function loadUPlot(): Promise<typeof uPlot> {
  uplotLoad ??= import('uplot').then(
    (m) => m.default,
    (err: unknown) => {
      uplotLoad = null;
      throw err;
    }
  );
  return uplotLoad;
}

interface Timeline {
  call: QaCall;
  state: 'loading' | 'ready' | 'error' | 'unavailable';
  events: QaTimelineEvent[];
}

interface Formats {
  num: Intl.NumberFormat;
  time: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
}

function formats(lang: string): Formats {
  const make = (l: string): Formats => ({
    num: new Intl.NumberFormat(l, {maximumFractionDigits: 1}),
    time: new Intl.DateTimeFormat(l, {month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit'}),
    day: new Intl.DateTimeFormat(l, {month: 'short', day: 'numeric'}),
  });
  try {
    return make(lang);
  } catch {
    return make('en');
  }
}

/** Local midnight of a `YYYY-MM-DD`, in Unix seconds (uPlot's time unit). */
function dayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!).getTime() / 1000;
}

/** A short, readable line for an event's data: its simple fields, objects as truncated JSON. */
function describeData(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([k, v]) => {
      const text = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
      return `${k}: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`;
    })
    .join(' · ');
}

/**
 * @summary Call-quality review: filters, summary, trend chart, most-missed items, calls and timelines.
 * @fires aa-internal-qa-import - Files were chosen to import: `{files: File[]}`.
 * @fires aa-internal-qa-export - An export was asked for: `{format: 'json' | 'csv', filter: QaFilter}`.
 */
export class AaQaView extends LitElement {
  static override styles = [componentStyles, qaViewStyles];

  static override properties = {
    calls: {attribute: false},
    strings: {attribute: false},
    lang: {},
    loadTimeline: {attribute: false},
    busy: {type: Boolean},
    message: {},
    _filter: {state: true},
    _timeline: {state: true},
    _chartFailed: {state: true},
  };

  declare calls: QaCall[];
  declare strings: UiStrings | null;
  declare lang: string;
  /** Loads a call's logged events for its timeline; `null` when no log is available. */
  declare loadTimeline: ((call: QaCall) => Promise<QaTimelineEvent[]>) | null;
  /** An import or export is running: their controls are disabled. */
  declare busy: boolean;
  /** A status or error line to show (announced politely). */
  declare message: string | null;
  declare private _filter: QaFilter;
  /** The call whose timeline is open. */
  declare private _timeline: Timeline | null;
  /** uPlot could not load: the chart's table is shown instead. */
  declare private _chartFailed: boolean;

  // Derived once per data/filter change in willUpdate, never per render.
  private _sorted: QaCall[] = [];
  private _filtered: QaCall[] = [];
  private _agg: QaAggregate = aggregateCalls([]);
  private _options: Pick<QaAggregate, 'agents' | 'scripts'> = {agents: [], scripts: []};
  private _days = new Map<string, string>();
  private _fmt: Formats = formats('en');
  private _chart: uPlot | null = null;
  private _chartDirty = false;
  /** Bumped on every chart (re)draw, so a draw that finishes loading after a newer one gives up. */
  private _chartToken = 0;
  private _resize = new ResizeObserver(() => this._onResize());
  /** The table row that opened the timeline, to return focus to. */
  private _openedRow = -1;

  constructor() {
    super();
    this.calls = [];
    this.strings = null;
    this.lang = 'en';
    this.loadTimeline = null;
    this.busy = false;
    this.message = null;
    this._filter = {};
    this._timeline = null;
    this._chartFailed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the DOM after a disconnect destroyed the chart: draw it again.
    if (this.hasUpdated) {
      this._chartDirty = true;
      this.requestUpdate();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._chartToken++;
    this._resize.disconnect();
    this._destroyChart();
  }

  override willUpdate(changed: PropertyValues): void {
    if (changed.has('lang')) this._fmt = formats(this.lang);
    // The chart's labels and date formats come from these.
    if (changed.has('lang') || changed.has('strings')) this._chartDirty = true;
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
      this._filtered = filterCalls(this._sorted, this._filter, this._dayOf);
      this._agg = aggregateCalls(this._filtered, this._dayOf);
      this._chartDirty = true;
    }
  }

  override updated(): void {
    if (this._chartDirty) {
      this._chartDirty = false;
      void this._drawChart();
    }
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

  private _emit(name: string, detail: QaImportDetail | QaExportDetail): void {
    this.dispatchEvent(new CustomEvent(name, {detail, bubbles: true, composed: true}));
  }

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
    if (files.length > 0) this._emit('aa-internal-qa-import', {files});
  }

  private _export(format: 'json' | 'csv'): void {
    this._emit('aa-internal-qa-export', {format, filter: {...this._filter}});
  }

  private async _open(call: QaCall, row: number): Promise<void> {
    this._openedRow = row;
    const load = this.loadTimeline;
    const timeline: Timeline = {call, state: load ? 'loading' : 'unavailable', events: []};
    this._timeline = timeline;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.detail-head')?.focus();
    if (!load) return;
    let next: Timeline;
    try {
      const events = [...(await load(call))].sort((a, b) => a.seq - b.seq);
      next = {call, state: 'ready', events};
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

  private _destroyChart(): void {
    this._chart?.destroy();
    this._chart = null;
  }

  private _onResize(): void {
    const box = this.renderRoot.querySelector<HTMLElement>('.chart-plot');
    const width = box?.clientWidth ?? 0;
    // Hidden (timeline open) or gone: keep the chart as it is.
    if (width === 0) return;
    if (!this._chart) void this._drawChart();
    else if (width !== this._chart.width) this._chart.setSize({width, height: CHART_HEIGHT});
  }

  private async _drawChart(): Promise<void> {
    const token = ++this._chartToken;
    const box = this.renderRoot.querySelector<HTMLElement>('.chart-plot');
    this._resize.disconnect();
    if (!box || this._agg.trend.length === 0) {
      this._destroyChart();
      return;
    }
    let UPlot: typeof uPlot;
    try {
      UPlot = await loadUPlot();
    } catch {
      if (token === this._chartToken) this._chartFailed = true;
      return;
    }
    if (token !== this._chartToken || !this.isConnected) return;
    this._chartFailed = false;
    this._resize.observe(box);
    this._destroyChart();
    // A hidden box has no width yet: the resize observer draws once it shows.
    if (box.clientWidth === 0) return;
    const trend = this._agg.trend;
    const data: uPlot.AlignedData = [trend.map((t) => dayStart(t.day)), trend.map((t) => t.meanScore)];
    this._chart = new UPlot(this._chartOptions(box.clientWidth), data, box);
  }

  private _xRange(): [number, number] {
    const trend = this._agg.trend;
    if (trend.length === 0) return [0, DAY_S];
    return [dayStart(trend[0]!.day) - DAY_S / 2, dayStart(trend.at(-1)!.day) + DAY_S / 2];
  }

  private _chartOptions(width: number): uPlot.Options {
    const cs = getComputedStyle(this);
    // Canvas needs concrete colors: read the theme's tokens (with the light theme's values as fallback).
    const color = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
    const accent = color('--aa-color-accent', '#1f5fcc');
    const muted = color('--aa-color-muted', '#5b6575');
    const grid = color('--aa-color-border', '#d5dbe3');
    const font = `11px ${cs.fontFamily || 'sans-serif'}`;
    const {num, day} = this._fmt;
    const s = this.strings!;
    const axis = {stroke: muted, font, grid: {stroke: grid, width: 1}, ticks: {stroke: grid, width: 1}};
    return {
      width,
      height: CHART_HEIGHT,
      scales: {
        // Half a day either side so the first and last points are not on the frame (and one day has a range).
        // A fixed range from the data (uPlot's auto-ranging of a single time point spans years).
        x: {time: true, auto: false, range: () => this._xRange()},
        y: {range: [0, 100]},
      },
      axes: [
        {
          ...axis,
          space: 56,
          // Whole days (and calendar months/years) only: a tick at noon would be meaningless here.
          incrs: [1, 2, 3, 7, 14, 30, 60, 91, 182, 365].map((n) => n * DAY_S),
          values: (_u, splits) => splits.map((v) => day.format(new Date(v * 1000))),
        },
        {...axis, size: 36, splits: () => [0, 25, 50, 75, 100]},
      ],
      series: [
        {label: s.qaDay, value: (_u, v) => (v == null ? '—' : day.format(new Date(v * 1000)))},
        {
          label: s.qaMeanScore,
          stroke: accent,
          width: 2,
          points: {show: true, size: 7, fill: accent, stroke: accent},
          value: (_u, v) => (v == null ? '—' : num.format(v)),
        },
      ],
      legend: {show: true, live: true},
      cursor: {drag: {x: false, y: false}},
    };
  }

  override render() {
    const s = this.strings;
    if (!s) return html``;
    const t = this._timeline;
    return html`
      <div aria-busy=${this.busy ? 'true' : 'false'}>
        <p class="message" role="status">${this.message ?? ''}</p>
        ${t ? this._renderTimeline(s, t) : null}
        <div ?hidden=${t !== null}>${this._renderOverview(s)}</div>
      </div>
    `;
  }

  private _renderOverview(s: UiStrings) {
    const actions = html`<div class="actions">
      <label class="file-button"
        >${s.qaImport}
        <input
          type="file"
          multiple
          accept=".json,application/json"
          ?disabled=${this.busy}
          @change=${this._onImport}
      /></label>
      ${
        this.calls.length > 0
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
    </div>`;
    if (this.calls.length === 0)
      return html`${actions}
        <p class="empty">${s.qaNoCalls}</p>`;
    const agg = this._agg;
    return html`
      ${actions} ${this._renderFilters(s)}
      ${
        agg.count === 0
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
              ${this._renderTrend(s, agg)} ${this._renderCategories(s, agg)} ${this._renderMissed(s, agg)}
              ${this._renderTable(s)}
            `
      }
    `;
  }

  private _renderFilters(s: UiStrings) {
    const f = this._filter;
    return html`<fieldset class="filters">
      <legend class="sr-only">${s.qaFilters}</legend>
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
    return html`<h3>${s.qaTrend}</h3>
      <div class="chart" ?hidden=${this._chartFailed}>
        <div class="chart-plot" role="img" aria-label=${summary}></div>
      </div>
      <table class="trend ${this._chartFailed ? '' : 'sr-only'}">
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
                <td>${p.day}</td>
                <td>${num.format(p.meanScore)}</td>
                <td>${p.count}</td>
              </tr>`
          )}
        </tbody>
      </table>`;
  }

  private _renderCategories(s: UiStrings, agg: QaAggregate) {
    const cats = CATEGORIES.filter((c) => agg.byCategory[c] !== undefined);
    if (cats.length === 0) return null;
    return html`<h3 id="cat-head">${s.qaByCategory}</h3>
      <ul class="bars" aria-labelledby="cat-head">
        ${cats.map((c) => {
          const v = agg.byCategory[c]!;
          const pct = Math.max(0, Math.min(100, v));
          return html`<li>
            <span>${s.qaCategories[c] ?? c}</span>
            <span class="track" aria-hidden="true"
              ><span class="fill" style=${styleMap({width: `${pct}%`})}></span
            ></span>
            <span class="num">${this._fmt.num.format(v)}</span>
          </li>`;
        })}
      </ul>`;
  }

  private _renderMissed(s: UiStrings, agg: QaAggregate) {
    return html`<h3 id="missed-head">${s.qaMostMissed}</h3>
      ${
        agg.mostMissed.length === 0
          ? html`<p class="muted">${s.qaNothingMissed}</p>`
          : html`<ol class="missed" aria-labelledby="missed-head">
              ${agg.mostMissed.map(
                (m) =>
                  html`<li>
                    ${m.title}
                    <span class="counts">${s.qaMissedCounts(m.missed, m.late, m.skipped, m.applicable)}</span>
                  </li>`
              )}
            </ol>`
      }`;
  }

  private _time(iso: string): string {
    const t = Date.parse(iso);
    return Number.isNaN(t) ? iso : this._fmt.time.format(t);
  }

  private _renderTable(s: UiStrings) {
    const rows = this._filtered.slice(0, QA_TABLE_LIMIT);
    const {num} = this._fmt;
    return html`<h3>${s.qaCalls}</h3>
      <div class="table-wrap">
        <table class="calls">
          <caption>
            ${s.qaShowing(rows.length, this._filtered.length)}
          </caption>
          <thead>
            <tr>
              <th scope="col">${s.qaTime}</th>
              <th scope="col">${s.qaAgent}</th>
              <th scope="col">${s.qaScript}</th>
              <th scope="col" class="score">${s.qaScore}</th>
              <th scope="col" title=${s.qaCritical}>
                <span aria-hidden="true">⚠</span><span class="sr-only">${s.qaCritical}</span>
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
                    ${this._time(r.startedAt)}
                  </button>
                </td>
                <td>${r.agentId}</td>
                <td>${call.scriptTitle || r.scriptId}</td>
                <td class="score">${num.format(r.score)}</td>
                <td>
                  ${
                    r.criticalFailed
                      ? html`<span class="crit" title=${s.qaCritical}
                          ><span aria-hidden="true">✗</span><span class="sr-only">${s.qaCritical}</span></span
                        >`
                      : null
                  }
                </td>
                <td>${this._chainText(s, call)}</td>
                <td>${call.source === 'local' ? s.qaLocal : call.source}</td>
              </tr>`;
            })}
          </tbody>
        </table>
      </div>`;
  }

  private _chainText(s: UiStrings, call: QaCall) {
    return call.chain.ok
      ? html`<span class="ok"><span aria-hidden="true">✓ </span>${s.qaChainOk}</span>`
      : html`<span class="broken">${s.qaChainBroken(call.chain.brokenAt ?? '?')}</span>`;
  }

  private _timing(s: UiStrings, item: AdherenceItem): string {
    const {num} = this._fmt;
    const at = item.at === undefined ? '—' : s.qaSeconds(num.format(item.at));
    return item.deadline === undefined ? at : `${at} / ${s.qaDue(num.format(item.deadline))}`;
  }

  private _renderTimeline(s: UiStrings, t: Timeline) {
    const r = t.call.report;
    const {num} = this._fmt;
    return html`<section class="detail" aria-labelledby="detail-head">
      <button class="link" @click=${this._close}>${s.qaBackToCalls}</button>
      <h3 class="detail-head" id="detail-head" tabindex="-1">
        ${t.call.scriptTitle || r.scriptId} · ${r.agentId} · ${this._time(r.startedAt)}
      </h3>
      <p>
        ${s.qaScore}: <strong>${num.format(r.score)}</strong>
        ${r.criticalFailed ? html` · <span class="crit">${s.qaCritical}</span>` : null} · ${s.qaChain}:
        ${this._chainText(s, t.call)} ${t.call.outcome ? html` · ${s.qaOutcome}: ${t.call.outcome}` : null} ·
        ${s.qaSource}: ${t.call.source === 'local' ? s.qaLocal : t.call.source}
      </p>
      <h4>${s.qaItems}</h4>
      ${
        r.items.length === 0
          ? html`<p class="muted">${s.qaNoItems}</p>`
          : html`<ul class="items">
              ${r.items.map(
                (item) =>
                  html`<li class=${item.status === 'n/a' ? 'na' : item.status}>
                    <div class="line">
                      <span>
                        ${item.title ?? item.id}
                        <span class="st-${item.status === 'n/a' ? 'na' : item.status}"
                          >(${s.qaStatus[item.status] ?? item.status})</span
                        >
                      </span>
                      <span class="timing">${this._timing(s, item)}</span>
                    </div>
                    <div class="sub">
                      ${s.qaKind[item.kind ?? 'item']} · ${s.qaCategories[item.category] ?? item.category}
                      ${item.critical ? html` · <span class="crit">${s.qaCriticalItem}</span>` : null}
                      ${item.reason ? html` · ${s.qaReason(item.reason)}` : null}
                    </div>
                  </li>`
              )}
            </ul>`
      }
      <h4>${s.qaEvents}</h4>
      ${this._renderEvents(s, t)}
    </section>`;
  }

  private _renderEvents(s: UiStrings, t: Timeline) {
    if (t.state === 'loading') return html`<p class="muted">${s.qaLoadingEvents}</p>`;
    if (t.state === 'unavailable') return html`<p class="muted">${s.qaEventsUnavailable}</p>`;
    if (t.state === 'error') return html`<p class="crit" role="alert">${s.qaEventsError}</p>`;
    if (t.events.length === 0) return html`<p class="muted">${s.qaNoEvents}</p>`;
    const {num} = this._fmt;
    return html`<ol class="events">
      ${t.events.map(
        (e) =>
          html`<li>
            <span class="offset">+${s.qaSeconds(num.format(e.offset))}</span>
            <span><strong>${e.type}</strong> <span class="data">${describeData(e.data)}</span></span>
          </li>`
      )}
    </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-qa-view': AaQaView;
  }
}
