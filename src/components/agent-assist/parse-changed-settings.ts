/**
 * Turns the element's raw attributes into settings, parsing only those that changed (so one bad value is
 * reported once, not on every render). Pure apart from reading the element's properties.
 */
import {
  parseAgentId,
  parseHttpUrl,
  parseLang,
  parseQueue,
  parseRetentionDays,
  parseSection,
  parseTheme,
} from '../../config/parse-attributes.js';
import type {AgentAssistSettings, AttributeProblem, Parsed, Section} from '../../config/parse-attributes.js';

/** The raw attribute properties of `<agent-assist>`. */
export interface RawAttributes {
  agentId: string | null;
  uiLang: string | null;
  theme: string | null;
  queue: string | null;
  packUrl: string | null;
  syncUrl: string | null;
  qaUrl: string | null;
  retentionDays: string | null;
  section: string | null;
}

/**
 * The settings after `changed` (null: the first update, parse everything); `section` is set when the
 * `section` attribute was parsed. Problems name what was expected.
 */
export function parseChangedSettings(
  raw: RawAttributes,
  changed: ReadonlyMap<PropertyKey, unknown> | null,
  previous: Readonly<AgentAssistSettings>,
  env: {languages: readonly string[]; baseUrl: string}
): {settings: AgentAssistSettings; problems: AttributeProblem[]; section?: Section} {
  const problems: AttributeProblem[] = [];
  const take = <T>(parsed: Parsed<T>): T => {
    if (parsed.problem) problems.push(parsed.problem);
    return parsed.value;
  };
  const has = (key: keyof RawAttributes) => changed === null || changed.has(key);
  const next = {...previous};
  if (has('agentId')) next.agentId = take(parseAgentId(raw.agentId));
  if (has('uiLang')) next.lang = take(parseLang(raw.uiLang, env.languages));
  if (has('theme')) next.theme = take(parseTheme(raw.theme));
  if (has('queue')) next.queue = take(parseQueue(raw.queue));
  if (has('packUrl')) next.packUrl = take(parseHttpUrl('pack-url', raw.packUrl, env.baseUrl));
  if (has('syncUrl')) next.syncUrl = take(parseHttpUrl('sync-url', raw.syncUrl, env.baseUrl));
  if (has('qaUrl')) next.qaUrl = take(parseHttpUrl('qa-url', raw.qaUrl, env.baseUrl));
  if (has('retentionDays')) next.retentionDays = take(parseRetentionDays(raw.retentionDays));
  const section = has('section') ? take(parseSection(raw.section)) : undefined;
  return section === undefined ? {settings: next, problems} : {settings: next, problems, section};
}
