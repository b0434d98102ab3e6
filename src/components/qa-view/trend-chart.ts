/**
 * The QA view's trend chart: the mean score per day, drawn with uPlot, which is loaded on first use so
 * the widget's first load does not carry it. A Lit reactive controller: it redraws after a host update
 * that changed its data, follows its container's width, and is destroyed when the host leaves the DOM.
 */
import type {ReactiveController, ReactiveElement} from 'lit';
import type uPlot from 'uplot';
import type {UiStrings} from '../../i18n/strings.js';
import type {QaTrendPoint} from '../../qa/aggregate-calls.js';
import {dayStart} from './qa-format.js';
import type {Formats} from './qa-format.js';

const CHART_HEIGHT = 170;
const DAY_S = 86400;

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

/** What the chart shows: the host's current values. */
export interface TrendChartData {
  /** Points in day order; none means no chart. */
  trend: QaTrendPoint[];
  /** Series labels. Only read while the container is rendered, which the host does only with strings. */
  strings: UiStrings | null;
  /** Formats for the axis and legend values. */
  fmt: Formats;
}

/** Where the chart draws and what it draws, as getters so every draw (and x-range) sees current values. */
export interface TrendChartSource {
  /** The element uPlot draws into; `null` when the host does not render it. */
  container: () => HTMLElement | null;
  data: () => TrendChartData;
}

/**
 * Draws the trend into the host's container. The host calls `invalidate()` when the data, labels or
 * formats change, and shows its own table of the numbers while `failed` is true.
 */
export class TrendChart implements ReactiveController {
  private readonly _host: ReactiveElement;
  private readonly _source: TrendChartSource;
  private _chart: uPlot | null = null;
  private _dirty = false;
  /** Bumped on every chart (re)draw, so a draw that finishes loading after a newer one gives up. */
  private _token = 0;
  private _failed = false;
  private readonly _resize = new ResizeObserver(() => this._onResize());
  /** The strings and formats the chart was built with: a language change rebuilds it. */
  private _builtWith: unknown = null;
  private _builtFmt: unknown = null;

  constructor(host: ReactiveElement, source: TrendChartSource) {
    this._host = host;
    this._source = source;
    host.addController(this);
  }

  /** uPlot could not load: the host shows the chart's table instead. */
  get failed(): boolean {
    return this._failed;
  }

  /** Redraws after the host's current (or next) update; call it from `willUpdate` when the data changed. */
  invalidate(): void {
    this._dirty = true;
  }

  hostConnected(): void {
    // Back in the DOM after a disconnect destroyed the chart: draw it again.
    if (this._host.hasUpdated) {
      this._dirty = true;
      this._host.requestUpdate();
    }
  }

  hostDisconnected(): void {
    this._token++;
    this._resize.disconnect();
    this._destroy();
  }

  hostUpdated(): void {
    if (this._dirty) {
      this._dirty = false;
      void this._draw();
    }
  }

  private _setFailed(failed: boolean): void {
    if (failed === this._failed) return;
    this._failed = failed;
    this._host.requestUpdate();
  }

  private _destroy(): void {
    this._chart?.destroy();
    this._chart = null;
  }

  private _onResize(): void {
    const width = this._source.container()?.clientWidth ?? 0;
    // Hidden (timeline open) or gone: keep the chart as it is.
    if (width === 0) return;
    // Draw or resize on the next frame, not inside the observer's callback: changing the observed box's
    // size there makes the browser report a "ResizeObserver loop".
    requestAnimationFrame(() => {
      if (!this._chart) void this._draw();
      else if (width !== this._chart.width) this._chart.setSize({width, height: CHART_HEIGHT});
    });
  }

  private async _draw(): Promise<void> {
    const token = ++this._token;
    const box = this._source.container();
    this._resize.disconnect();
    if (!box || this._source.data().trend.length === 0) {
      this._destroy();
      return;
    }
    let UPlot: typeof uPlot;
    try {
      UPlot = await loadUPlot();
    } catch {
      if (token === this._token) this._setFailed(true);
      return;
    }
    if (token !== this._token || !this._host.isConnected) return;
    this._setFailed(false);
    this._resize.observe(box);
    const {trend, strings, fmt} = this._source.data();
    const data: uPlot.AlignedData = [trend.map((t) => dayStart(t.day)), trend.map((t) => t.meanScore)];
    // New data only (a filter changed): update the chart in place; rebuilding it costs a long task.
    const chart = this._chart;
    if (chart && chart.root.parentElement === box && this._builtWith === strings && this._builtFmt === fmt) {
      chart.setData(data);
      return;
    }
    this._destroy();
    // A hidden box has no width yet: the resize observer draws once it shows.
    if (box.clientWidth === 0) return;
    this._builtWith = strings;
    this._builtFmt = fmt;
    this._chart = new UPlot(this._options(box.clientWidth), data, box);
  }

  private _xRange(): [number, number] {
    const {trend} = this._source.data();
    if (trend.length === 0) return [0, DAY_S];
    return [dayStart(trend[0]!.day) - DAY_S / 2, dayStart(trend.at(-1)!.day) + DAY_S / 2];
  }

  private _options(width: number): uPlot.Options {
    const cs = getComputedStyle(this._host);
    // Canvas needs concrete colors: read the theme's tokens (with the light theme's values as fallback).
    const color = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
    const accent = color('--aa-color-accent', '#1f5fcc');
    const muted = color('--aa-color-muted', '#5b6575');
    const grid = color('--aa-color-border', '#d5dbe3');
    const font = `11px ${cs.fontFamily || 'sans-serif'}`;
    const {strings, fmt} = this._source.data();
    const {num, day} = fmt;
    const s = strings!;
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
}
