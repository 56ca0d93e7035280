import { describe, expect, it } from 'vitest';
import { createRateLimiter, rateLimitHeaders } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('counts down within a window and starts afresh after it', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter(() => now, { limit: 3, windowMs: 60_000 });
    expect([limiter.consume().remaining, limiter.consume().remaining]).toEqual([2, 1]);
    expect(limiter.peek()).toEqual({ limit: 3, used: 2, remaining: 1, reset: 1060 });
    now += 60_000;
    expect(limiter.consume()).toMatchObject({ used: 1, remaining: 2, reset: 1120 });
  });

  it('refuses only when enforcing, and never counts past the limit', () => {
    const counting = createRateLimiter(() => 0, { limit: 1 });
    counting.consume();
    counting.consume();
    expect([counting.peek().used, counting.isExhausted()]).toEqual([1, false]);
    const enforcing = createRateLimiter(() => 0, { limit: 1, enforce: true });
    expect(enforcing.isExhausted()).toBe(false);
    enforcing.consume();
    expect(enforcing.isExhausted()).toBe(true);
  });

  it('reports GitHub header names', () => {
    expect(rateLimitHeaders({ limit: 5000, remaining: 4999, used: 1, reset: 42 })).toEqual({
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': '42',
      'x-ratelimit-resource': 'core',
    });
  });
});
