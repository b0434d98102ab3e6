/**
 * Parses the `<agent-assist>` attributes into settings. Pure: no DOM access, so every rule is unit-tested.
 * A bad value never throws: it yields the default plus a problem naming what was expected.
 */

/** Colour scheme: `auto` follows the operating system. */
export type Theme = 'light' | 'dark' | 'auto';
/** UI languages the widget ships strings for. */
export type UiLang = 'en' | 'zh-CN';

export const THEMES: readonly Theme[] = ['light', 'dark', 'auto'];
export const UI_LANGS: readonly UiLang[] = ['en', 'zh-CN'];
export const DEFAULT_AGENT_ID = 'anonymous';
/** Agent ids end up in every logged event; a cap keeps a pasted blob from bloating the log. */
export const MAX_AGENT_ID_LENGTH = 128;

/** Settings after parsing: what the widget reads instead of raw attributes. */
export interface AgentAssistSettings {
  agentId: string;
  lang: UiLang;
  theme: Theme;
  queue: string | null;
  /** Absolute URL of the content pack manifest, or null for the one next to the script. */
  packUrl: string | null;
  syncUrl: string | null;
  /** The collector whose team calls the QA view shows (null: this browser's calls and imported files). */
  qaUrl: string | null;
  /** Purge ended calls older than this many days (null: keep everything). */
  retentionDays: number | null;
}

/** The settings with no attribute set (the language is then taken from the browser). */
export const DEFAULT_SETTINGS: Readonly<AgentAssistSettings> = {
  agentId: DEFAULT_AGENT_ID,
  lang: 'en',
  theme: 'auto',
  queue: null,
  packUrl: null,
  syncUrl: null,
  qaUrl: null,
  retentionDays: null,
};

/** A rejected attribute value: which attribute, what it held, and a message naming what was expected. */
export interface AttributeProblem {
  attribute: string;
  value: string;
  message: string;
}

/** A parsed value, with the problem that made it fall back to its default, if any. */
export interface Parsed<T> {
  value: T;
  problem?: AttributeProblem;
}

function problem(attribute: string, value: string, expected: string, fallback: string): AttributeProblem {
  return {
    attribute,
    value,
    message: `agent-assist: ${attribute}="${value}" is not valid; expected ${expected}. Using ${fallback}.`,
  };
}

/** `theme`: `light`, `dark` or `auto` (case-insensitive); anything else falls back to `auto`. */
export function parseTheme(raw: string | null): Parsed<Theme> {
  if (raw === null) return {value: 'auto'};
  const theme = THEMES.find((t) => t === raw.trim().toLowerCase());
  if (theme) return {value: theme};
  return {value: 'auto', problem: problem('theme', raw, 'one of "light", "dark", "auto"', '"auto"')};
}

/** Maps a BCP 47 tag onto a UI language we ship, or null when we have none for it. */
export function matchUiLang(tag: string): UiLang | null {
  const lower = tag.trim().toLowerCase();
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  // Simplified Chinese only: zh-TW / zh-Hant readers should not silently get simplified characters.
  if (lower === 'zh' || lower === 'zh-cn' || lower === 'zh-sg' || lower.startsWith('zh-hans')) return 'zh-CN';
  return null;
}

/**
 * `lang`: `en` or `zh-CN` (regional variants such as `en-GB` or `zh-Hans` are accepted). When absent or
 * unsupported, the browser's language decides, and English when that is unsupported too.
 */
export function parseLang(raw: string | null, browserLanguages: readonly string[]): Parsed<UiLang> {
  const fallback = browserLanguages.map(matchUiLang).find((l) => l !== null) ?? 'en';
  if (raw === null) return {value: fallback};
  const lang = matchUiLang(raw);
  if (lang) return {value: lang};
  return {value: fallback, problem: problem('lang', raw, 'one of "en", "zh-CN"', `"${fallback}"`)};
}

/** `agent-id`: a non-empty id of printable characters, at most {@link MAX_AGENT_ID_LENGTH} long. */
export function parseAgentId(raw: string | null): Parsed<string> {
  if (raw === null) return {value: DEFAULT_AGENT_ID};
  const id = raw.trim();
  // eslint-disable-next-line no-control-regex
  if (id.length > 0 && id.length <= MAX_AGENT_ID_LENGTH && !/[\u0000-\u001f\u007f]/.test(id)) {
    return {value: id};
  }
  return {
    value: DEFAULT_AGENT_ID,
    problem: problem(
      'agent-id',
      raw,
      `a non-empty id of at most ${MAX_AGENT_ID_LENGTH} printable characters`,
      `"${DEFAULT_AGENT_ID}"`
    ),
  };
}

/** `queue`: free text naming the host's queue or skill; blank means none. */
export function parseQueue(raw: string | null): Parsed<string | null> {
  const queue = raw?.trim() ?? '';
  return {value: queue === '' ? null : queue};
}

/**
 * `pack-url` and `sync-url`: an absolute or relative http(s) URL, resolved against `baseUrl` (the
 * document's). Other schemes (`javascript:`, `data:`, `file:`) are refused: the widget fetches from it.
 */
export function parseHttpUrl(attribute: string, raw: string | null, baseUrl: string): Parsed<string | null> {
  if (raw === null || raw.trim() === '') return {value: null};
  let url: URL | null = null;
  try {
    url = new URL(raw.trim(), baseUrl);
  } catch {
    url = null;
  }
  if (url && (url.protocol === 'https:' || url.protocol === 'http:')) return {value: url.href};
  const fallback = attribute === 'pack-url' ? 'the pack shipped next to the script' : 'no upload';
  return {value: null, problem: problem(attribute, raw, 'an http(s) URL, absolute or relative', fallback)};
}

/** The longest retention a host may set (ten years). */
export const MAX_RETENTION_DAYS = 3650;

/**
 * `retention-days`: purge ended calls' events older than this many days (only once uploaded, when
 * `sync-url` is set). An integer from 1 to 3650; absent keeps everything.
 */
export function parseRetentionDays(raw: string | null): Parsed<number | null> {
  if (raw === null || raw.trim() === '') return {value: null};
  const n = Number(raw.trim());
  if (Number.isInteger(n) && n >= 1 && n <= MAX_RETENTION_DAYS) return {value: n};
  return {
    value: null,
    problem: problem(
      'retention-days',
      raw,
      `a whole number of days from 1 to ${MAX_RETENTION_DAYS}`,
      'no purge'
    ),
  };
}

/** The widget's sections, in tab order. */
export const SECTIONS = ['knowledge', 'script', 'checklist', 'qa'] as const;
export type Section = (typeof SECTIONS)[number];

/** `section`: the section shown first (`knowledge`, `script`, `checklist` or `qa`). */
export function parseSection(raw: string | null): Parsed<Section> {
  if (raw === null) return {value: 'knowledge'};
  const section = SECTIONS.find((s) => s === raw.trim().toLowerCase());
  if (section) return {value: section};
  return {
    value: 'knowledge',
    problem: problem('section', raw, 'one of "knowledge", "script", "checklist", "qa"', '"knowledge"'),
  };
}
