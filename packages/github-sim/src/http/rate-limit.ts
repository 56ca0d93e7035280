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
  /** True when the budget is spent and the limiter refuses requests until the reset. */
  isExhausted(): boolean;
}

export interface RateLimitOptions {
  readonly limit?: number;
  readonly windowMs?: number;
  /** Refuse requests (403, remaining 0) once the budget is spent; otherwise only count. */
  readonly enforce?: boolean;
}

/** GitHub's primary (core) budget: by default 5,000 requests per hour, counted and reported. */
export function createRateLimiter(now: () => number, options: RateLimitOptions = {}): RateLimiter {
  const limit = options.limit ?? 5000;
  const windowMs = options.windowMs ?? 3_600_000;
  let windowStart = now();
  let used = 0;
  const roll = () => {
    if (now() >= windowStart + windowMs) {
      windowStart = now();
      used = 0;
    }
  };
  const snapshot = (): RateLimitSnapshot => {
    roll();
    return {
      limit,
      used,
      remaining: Math.max(0, limit - used),
      reset: Math.ceil((windowStart + windowMs) / 1000),
    };
  };
  return {
    consume() {
      roll();
      used = Math.min(limit, used + 1);
      return snapshot();
    },
    peek: snapshot,
    isExhausted: () => options.enforce === true && snapshot().remaining === 0,
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
