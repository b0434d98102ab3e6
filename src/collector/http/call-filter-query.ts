/**
 * The filters the QA read APIs share (`agent`, `script`, `from`, `to`, `status`): their JSON Schema and
 * their translation into a store filter scoped to the reader's team. `from` and `to` are UTC days
 * (`2026-03-01`, both included) or exact date-times (`from` included, `to` excluded).
 */
import type {CallFilter, ChainStatus, TokenRecord} from '../store/collector-store.js';

const DAY_OR_TIME = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2}))?$';

/** JSON Schema properties of the filter query parameters. */
export const FILTER_PROPERTIES = {
  agent: {type: 'string', minLength: 1, maxLength: 128},
  script: {type: 'string', minLength: 1, maxLength: 128},
  from: {type: 'string', pattern: DAY_OR_TIME},
  to: {type: 'string', pattern: DAY_OR_TIME},
  status: {type: 'string', enum: ['intact', 'incomplete', 'broken']},
} as const;

export interface FilterQuery {
  agent?: string;
  script?: string;
  from?: string;
  to?: string;
  status?: ChainStatus;
}

/** An error the error handler answers with its status and message. */
export function httpError(statusCode: number, message: string): Error & {statusCode: number} {
  return Object.assign(new Error(message), {statusCode});
}

const DAY_MS = 86_400_000;

function bound(value: string | undefined, name: string, endOfDay: boolean): string | undefined {
  if (value === undefined) return undefined;
  const isDay = value.length === 10;
  const t = Date.parse(isDay ? `${value}T00:00:00Z` : value);
  // A day that does not exist (2026-02-30) must not roll over into the next month.
  if (Number.isNaN(t) || (isDay && new Date(t).toISOString().slice(0, 10) !== value))
    throw httpError(400, `${name}: ${JSON.stringify(value)} is not a date`);
  return new Date(isDay && endOfDay ? t + DAY_MS : t).toISOString();
}

/** The team a token reads: undefined for every team (admin, or qa with team `*`). */
export function readScope(token: TokenRecord): string | undefined {
  if (token.role === 'admin' || token.team === '*') return undefined;
  // Tokens are issued with a team (token create checks it); one without reads nothing, not everything.
  if (token.team === null) throw httpError(403, 'this token is bound to no team');
  return token.team;
}

/** The store filter for `query`, scoped to `token`'s team. */
export function toCallFilter(query: FilterQuery, token: TokenRecord): CallFilter {
  const filter: CallFilter = {};
  const team = readScope(token);
  if (team !== undefined) filter.team = team;
  if (query.agent !== undefined) filter.agentId = query.agent;
  if (query.script !== undefined) filter.scriptId = query.script;
  const from = bound(query.from, 'from', false);
  const to = bound(query.to, 'to', true);
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  if (query.status !== undefined) filter.status = query.status;
  return filter;
}
