/**
 * Formatting for the QA view: number, time and day formats for a language, uPlot's day timestamps, and the
 * short text shown for a call's time, source and logged event data. Pure: no DOM, no clock.
 */
import {jsonText} from '../../internal/json-text.js';
import type {UiStrings} from '../../i18n/strings.js';
import type {QaCall} from '../../model/call-log.js';

/** The formats the QA view shows numbers, call times and days with. */
export interface Formats {
  num: Intl.NumberFormat;
  time: Intl.DateTimeFormat;
  day: Intl.DateTimeFormat;
}

/** The formats for `lang`; English when the runtime does not know that language tag. */
export function formats(lang: string): Formats {
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
export function dayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!).getTime() / 1000;
}

/** A call's start time for display; the raw text when it is not a date (imported files may hold anything). */
export function formatTime(fmt: Formats, iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : fmt.time.format(t);
}

/** Where a call came from: this desktop, or the name of the file it was imported from. */
export function sourceLabel(s: UiStrings, call: QaCall): string {
  return call.source === 'local' ? s.qaLocal : call.source;
}

/** A short, readable line for an event's data: its simple fields, objects as truncated JSON. */
export function describeData(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([k, v]) => {
      const text = typeof v === 'object' && v !== null ? jsonText(v) : String(v);
      return `${k}: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}`;
    })
    .join(' · ');
}
