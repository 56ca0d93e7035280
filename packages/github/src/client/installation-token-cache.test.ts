import { describe, expect, it } from 'vitest';
import { createInstallationTokenCache } from './installation-token-cache.js';

const minute = 60_000;
const stored = (createdAt: number, expiresAt: number): string =>
  [
    'ghs_token',
    new Date(createdAt).toISOString(),
    new Date(expiresAt).toISOString(),
    'all',
    'contents!',
    '',
  ].join('|');

describe('createInstallationTokenCache', () => {
  it("keeps a one-hour token 54 minutes: auth-app's 59, less a five-minute margin", () => {
    let clock = 0;
    const cache = createInstallationTokenCache(() => clock);
    const value = stored(0, 60 * minute);
    cache.set('7', value);
    clock = 54 * minute - 1;
    expect(cache.get('7')).toBe(value);
    clock = 54 * minute;
    expect(cache.get('7')).toBeUndefined();
  });

  it('refreshes a short-lived token after three quarters of its life', () => {
    let clock = 1_000_000;
    const cache = createInstallationTokenCache(() => clock);
    cache.set('7', stored(clock, clock + 4000));
    clock += 2999;
    expect(cache.get('7')).toBeDefined();
    clock += 1;
    expect(cache.get('7')).toBeUndefined();
  });

  it('falls back to 59 minutes when the stored value has no readable times', () => {
    let clock = 0;
    const cache = createInstallationTokenCache(() => clock);
    cache.set('7', 'ghs_token|not a date');
    clock = 59 * minute - 1;
    expect(cache.get('7')).toBe('ghs_token|not a date');
    clock = 59 * minute;
    expect(cache.get('7')).toBeUndefined();
  });

  it('keeps installations apart', () => {
    const cache = createInstallationTokenCache(() => 0);
    cache.set('1', stored(0, 60 * minute));
    expect(cache.get('2')).toBeUndefined();
  });

  it("counts the lifetime on its own clock too, so a clock behind GitHub's never keeps a dead token", () => {
    // Our clock is 10 minutes behind: GitHub's 12:00 is our 11:50.
    const behind = 10 * minute;
    let clock = 12 * 60 * minute - behind;
    const cache = createInstallationTokenCache(() => clock);
    cache.set('7', stored(clock, 12 * 60 * minute + 60 * minute));
    clock += 54 * minute;
    expect(cache.get('7')).toBeUndefined();
  });
});
