/**
 * Numbers, dates and language names in the UI language, through `Intl` (the strings' own numbers go
 * through it in strings.ts). Each language's formats are made once.
 */
import type {UiLang} from '../config/parse-attributes.js';

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
  const seconds = new Intl.NumberFormat(lang, {minimumFractionDigits: 1, maximumFractionDigits: 1});
  // The day as written, whatever the agent's time zone (it is a calendar date, not a moment).
  const day = new Intl.DateTimeFormat(lang, {dateStyle: 'medium', timeZone: 'UTC'});
  const names = new Intl.DisplayNames([lang], {type: 'language'});
  formats = {
    seconds: (value) => seconds.format(value),
    day: (ymd) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
      return m ? day.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : ymd;
    },
    // Chinese content is written in simplified characters: "Simplified Chinese" says more than "(China)".
    language: (code) => {
      try {
        return names.of(code === 'zh-CN' ? 'zh-Hans' : code) ?? code;
      } catch {
        return code; // not a language tag
      }
    },
  };
  made.set(lang, formats);
  return formats;
}
