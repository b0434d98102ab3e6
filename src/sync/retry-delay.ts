/**
 * How long to wait before retrying an upload: capped exponential backoff with full jitter (a random
 * delay up to the exponential bound, so many agents coming back online at once do not retry together),
 * and never less than what the receiver asked for in `Retry-After`.
 */

export interface BackoffOptions {
  /** The bound of the first retry (ms). */
  baseMs: number;
  /** The largest bound (ms). */
  capMs: number;
}

/** The default: 1 s, doubling, capped at 5 minutes. */
export const DEFAULT_BACKOFF: BackoffOptions = {baseMs: 1000, capMs: 5 * 60_000};

/** The delay before retry number `attempt` (1 for the first retry): full jitter in [0, min(cap, base·2^(attempt−1))]. */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random
): number {
  const bound = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * bound);
}

/**
 * `Retry-After` in ms from now: delay-seconds or an HTTP-date (read against `serverDate`, the response's
 * `Date` header, when given, so a client clock that is off does not matter). Null when absent or unreadable.
 */
export function retryAfterMs(
  header: string | null,
  nowMs: number,
  serverDate: string | null = null
): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  const server = serverDate === null ? Number.NaN : Date.parse(serverDate);
  const now = Number.isNaN(server) ? nowMs : server;
  return Math.max(0, at - now);
}
