import { describe, expect, it } from 'vitest';
import { git, repository, runHeal, temp, write } from './helpers.js';

describe('heal run (built binary)', () => {
  it('says green and exits 0 when the tests pass', async () => {
    const { dir } = repository({ addBody: 'a + b' });
    const result = await runHeal(dir, ['run']);
    expect(result.stdout).toContain('green: all 1 tests pass');
    expect(result.code).toBe(0);
  }, 60_000);

  it('heals a regression on a branch and leaves the user branch and working tree alone', async () => {
    const { dir, shas } = repository({ addBody: 'a - b' });
    const head = git(dir, ['rev-parse', 'HEAD']);
    const result = await runHeal(dir, ['run', '--base', shas[0] ?? '']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('healed');
    expect(result.stdout).toContain('break add');
    const branch = /branch: (heal\/\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(branch).toMatch(/^heal\//);
    expect(git(dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(git(dir, ['symbolic-ref', '--short', 'HEAD'])).toBe('main');
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    expect(git(dir, ['show', `${branch}:src/add.js`])).toBe('export const add = (a, b) => a + b;');
    expect(git(dir, ['rev-parse', `${branch}^`])).toBe(head);

    const again = await runHeal(dir, ['run', '--base', shas[0] ?? '', '--json']);
    const last = JSON.parse(again.stdout.trim().split('\n').at(-1) ?? '{}') as {
      result?: { outcome?: string };
    };
    expect(last.result?.outcome).toBe('duplicate');
    expect(git(dir, ['branch', '--list', 'heal/*']).split('\n')).toHaveLength(1);
  }, 120_000);

  it('ends "not healed" with exit 1 when nothing can fix the failure', async () => {
    const { dir } = repository({ addBody: 'a - b' });
    const result = await runHeal(dir, ['run', '--strategies', 'flaky', '--json']);
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; result?: { outcome: string } });
    expect(lines.map((line) => line.event)).toContain('failure-observed');
    expect(lines.at(-1)?.result?.outcome).toBe('not-healed');
  }, 60_000);

  it('refuses bad input with exit 2 and a message that says what to do', async () => {
    const { dir } = repository({ addBody: 'a + b' });
    const unknownFlag = await runHeal(dir, ['run', '--frobnicate']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain('--frobnicate');
    expect(unknownFlag.stderr).toContain('heal run --help');

    const badStrategy = await runHeal(dir, ['run', '--strategies', 'flaky,magic']);
    expect(badStrategy.code).toBe(2);
    expect(badStrategy.stderr).toContain('allowed values: flaky, regression, autofix, model');

    write(dir, { 'heal.config.json': '{ "test": { "command": "x" }, "strategies": { "flakey": {} } }' });
    const badConfig = await runHeal(dir, ['run']);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('heal.config.json');
    expect(badConfig.stderr).toContain('unknown key "flakey"');

    const notRepository = await runHeal(temp(), ['run']);
    expect(notRepository.code).toBe(2);
    expect(notRepository.stderr).toContain('not inside a git repository');

    const bare = temp();
    git(bare, ['init', '-q']);
    const noTests = await runHeal(bare, ['run']);
    expect(noTests.code).toBe(2);
    expect(noTests.stderr).toContain('no test command found');
  }, 60_000);
});
