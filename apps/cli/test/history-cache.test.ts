import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { git, repository, runHeal } from './helpers.js';

describe('heal history, status and cache (built binary)', () => {
  it('shows past heals, the latest in detail, and the cache behind them', async () => {
    const { dir, shas } = repository({ addBody: 'a - b' });
    const empty = await runHeal(dir, ['history']);
    expect(empty).toMatchObject({ code: 0 });
    expect(empty.stdout).toContain('no heals recorded');

    const healed = await runHeal(dir, ['run', '--base', shas[0] ?? '']);
    expect(healed.code).toBe(0);
    const branch = /branch: (heal\/\S+)/.exec(healed.stdout)?.[1] ?? 'missing';

    const history = await runHeal(dir, ['history']);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(/healed\s+regression\s+[0-9a-f]{12}/);
    expect(history.stdout).toContain(branch);

    const status = await runHeal(dir, ['status', '--json']);
    const latest = (
      JSON.parse(status.stdout) as { latest: { outcome: string; culprit: { message: string } } }
    ).latest;
    expect(latest.outcome).toBe('healed');
    expect(latest.culprit.message).toContain('break add');

    const stats = JSON.parse((await runHeal(dir, ['cache', 'stats', '--json'])).stdout) as {
      entries: number;
      bytesOnDisk: number;
      path: string;
    };
    expect(stats.entries).toBeGreaterThan(0);
    expect(stats.path).toBe(join(dir, '.git', 'heal', 'cache.sqlite'));
    expect(stats.bytesOnDisk).toBeGreaterThan(0);
    expect(git(dir, ['status', '--porcelain'])).toBe('');

    expect((await runHeal(dir, ['cache', 'clear'])).code).toBe(0);
    expect((await runHeal(dir, ['history'])).stdout).toContain('no heals recorded');
  }, 120_000);

  it('names a damaged cache file and how to reset it, and reset works', async () => {
    const { dir } = repository({ addBody: 'a + b' });
    await runHeal(dir, ['cache', 'stats']);
    const file = join(dir, '.git', 'heal', 'cache.sqlite');
    expect(existsSync(file)).toBe(true);
    writeFileSync(file, 'this is not a database, it is a shopping list\n'.repeat(200));
    const broken = await runHeal(dir, ['history']);
    expect(broken.code).toBe(3);
    expect(broken.stderr).toContain(file);
    expect(broken.stderr).toContain('heal cache reset');

    const reset = await runHeal(dir, ['cache', 'reset']);
    expect(reset.code).toBe(0);
    expect(existsSync(file)).toBe(false);
    expect((await runHeal(dir, ['history'])).code).toBe(0);
  }, 60_000);

  it('refuses an unknown cache action', async () => {
    const { dir } = repository({ addBody: 'a + b' });
    const result = await runHeal(dir, ['cache', 'shrink']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('use stats, clear or reset');
  });
});
