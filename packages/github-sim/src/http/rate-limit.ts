export interface RateLimitSnapshot {
  readonly limit: number;
  readonly remaining: number;
  readonly used: number;
  /** Epoch seconds. */
  readonly reset: number;
}

export interface RateLimiter {
  /** Counts one request against the core budget and returns the state to report. */
  consume(): RateLimitSnapshot;
  peek(): RateLimitSnapshot;
}

/** GitHub's primary (core) budget: 5,000 requests per hour window; the simulator counts but never refuses on it. */
export function createRateLimiter(now: () => number, limit = 5000): RateLimiter {
  let windowStart = now();
  let used = 0;
  const snapshot = (): RateLimitSnapshot => ({
    limit,
    used,
    remaining: Math.max(0, limit - used),
    reset: Math.floor((windowStart + 3_600_000) / 1000),
  });
  return {
    consume() {
      if (now() >= windowStart + 3_600_000) {
        windowStart = now();
        used = 0;
      }
      used += 1;
      return snapshot();
    },
    peek: snapshot,
  };
}

export function rateLimitHeaders(snapshot: RateLimitSnapshot): Record<string, string> {
  return {
    'x-ratelimit-limit': String(snapshot.limit),
    'x-ratelimit-remaining': String(snapshot.remaining),
    'x-ratelimit-used': String(snapshot.used),
    'x-ratelimit-reset': String(snapshot.reset),
    'x-ratelimit-resource': 'core',
  };
}
