import { describe, expect, it } from 'vitest';
import { createKeyedLock } from './keyed-lock.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('keyed lock', () => {
  it('runs tasks on one key one at a time, in order, and other keys alongside', async () => {
    const lock = createKeyedLock();
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      lock.run(['a'], task('a1')),
      lock.run(['a'], task('a2')),
      lock.run(['b'], task('b1')),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    const at = (event: string) => events.indexOf(event);
    expect(at('start a2')).toBeGreaterThan(at('end a1'));
    expect(at('start b1')).toBeLessThan(at('end a1'));
  });

  it('multi-key holders in opposite orders do not deadlock, and a failure releases the lock', async () => {
    const lock = createKeyedLock();
    const outcomes = await Promise.allSettled([
      lock.run(['x', 'y'], async () => {
        await tick();
        throw new Error('first failed');
      }),
      lock.run(['y', 'x', 'x'], async () => 'second'),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
    expect(await lock.run(['x'], async () => 'free')).toBe('free');
  });
});
