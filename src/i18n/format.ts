/**
 * Numbers, dates and language names in the UI language, through `Intl` (the strings' own numbers go
 * through it in strings.ts). Each format is made on first use, once per language: the first `Intl`
 * object a page makes costs 20-35 ms (the ICU library starting), which {@link warmUpIntl} lets the widget
 * spend while the page is idle rather than inside a render.
 */
import type {UiLang} from '../config/parse-attributes.js';
import {whenIdle} from '../internal/yield-to-page.js';
import {uiStrings} from './strings.js';

export interface UiFormats {
  /** Seconds with one decimal (`12.5`), as a checklist item's time. */
  seconds(value: number): string;
  /** A `YYYY-MM-DD` day (an article's update or review date); the text itself when it is not one. */
  day(ymd: string): string;
  /** The name of a content language (`en`, `zh-CN`) in the UI language. */
  language(code: string): string;
}

const made = new Map<UiLang, UiFormats>();

/** The formats for `lang`. */
export function uiFormats(lang: UiLang): UiFormats {
  let formats = made.get(lang);
  if (formats) return formats;
  let seconds: Intl.NumberFormat | undefined;
  let day: Intl.DateTimeFormat | undefined;
  let names: Intl.DisplayNames | undefined;
  formats = {
    seconds: (value) =>
      (seconds ??= new Intl.NumberFormat(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1})).format(
        value
      ),
    day: (ymd) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
      // The day as written, whatever the agent's time zone (it is a calendar date, not a moment).
      day ??= new Intl.DateTimeFormat(lang, {dateStyle: 'medium', timeZone: 'UTC'});
      return m ? day.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : ymd;
    },
    // Chinese content is written in simplified characters: "Simplified Chinese" says more than "(China)".
    language: (code) => {
      // The languages content is written in are named by the strings: language names are the Intl data
      // that takes longest to load (tens of milliseconds, in the render that first needs one).
      const known = uiStrings(lang).contentLanguages[code];
      if (known) return known;
      try {
        names ??= new Intl.DisplayNames([lang], {type: 'language'});
        return names.of(code === 'zh-CN' ? 'zh-Hans' : code) ?? code;
      } catch {
        return code; // not a language tag
      }
    },
  };
  made.set(lang, formats);
  return formats;
}

/**
 * Starts `Intl` (the ICU library) in a task of its own while the page is idle, so the first view that
 * formats a number or a language (the browse list, as a pack is applied) does not pay for it.
 */
export function warmUpIntl(lang: UiLang): void {
  whenIdle(() => uiFormats(lang).seconds(0));
}
