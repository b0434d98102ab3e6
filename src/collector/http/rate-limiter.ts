/**
 * A per-token rate limit (token bucket: a burst of one minute's allowance, refilled continuously). It
 * lives in this process's memory: behind a load balancer each collector counts on its own, so N
 * collectors allow up to N times the limit. That is the one piece of state not shared.
 */

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before idle, refilled ones are dropped (bounds memory with many tokens). */
const PRUNE_AT = 10_000;

export class RateLimiter {
  private readonly _buckets = new Map<string, Bucket>();
  private readonly _perMs: number;

  /** `perMinute` requests per key; 0 allows everything. */
  constructor(
    private readonly _perMinute: number,
    private readonly _now: () => number = Date.now
  ) {
    this._perMs = _perMinute / 60_000;
  }

  /** Takes one request for `key`: 0 when allowed, else the whole seconds to wait before the next. */
  take(key: string): number {
    if (this._perMinute === 0) return 0;
    const now = this._now();
    const bucket = this._buckets.get(key) ?? {tokens: this._perMinute, at: now};
    bucket.tokens = Math.min(this._perMinute, bucket.tokens + (now - bucket.at) * this._perMs);
    bucket.at = now;
    if (this._buckets.size >= PRUNE_AT) this._prune(now);
    this._buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this._perMs / 1000));
  }

  private _prune(now: number): void {
    for (const [key, b] of this._buckets) {
      if (b.tokens + (now - b.at) * this._perMs >= this._perMinute) this._buckets.delete(key);
    }
  }
}
