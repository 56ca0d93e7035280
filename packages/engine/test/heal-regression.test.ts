import { execFileSync } from 'node:child_process';
import { createMemoryCache } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealEvent, heal } from '../src/index.js';
import { BASE_FILES, BROKEN_SUM_SOURCE } from './helpers/fixture-sources.js';
import { localAdapters, TEST_COMMAND } from './helpers/local-adapters.js';
import { createTempRepo, healBranches, type TempRepo, workingTreeChanges } from './helpers/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

/** 30 commits after a green base; commit number `culprit` (1-based) breaks sum. */
function repoWithRegression(culprit: number): { repo: TempRepo; good: string; culpritSha: string } {
  const created = createTempRepo(BASE_FILES);
  const good = created.git('rev-parse', 'HEAD');
  let culpritSha = '';
  for (let number = 1; number <= 30; number += 1) {
    if (number === culprit) {
      culpritSha = created.commit(
        'Tune sum for speed',
        { 'src/sum.mjs': BROKEN_SUM_SOURCE, [`notes/${number}.txt`]: `note ${number}\n` },
        'Mallory Dev <mallory@example.com>',
      );
    } else {
      created.commit(`Add note ${number}`, { [`notes/${number}.txt`]: `note ${number}\n` });
    }
  }
  return { repo: created, good, culpritSha };
}

describe('heal: a regression in 30 commits', () => {
  it('finds the culprit in at most 6 test runs and delivers its revert, which passes the full suite', async () => {
    const fixture = repoWithRegression(19);
    repo = fixture.repo;
    const headBefore = repo.git('rev-parse', 'HEAD');
    const events: HealEvent[] = [];
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      config: {
        test: TEST_COMMAND,
        strategies: { flaky: { reruns: 1 }, regression: { goodRevision: fixture.good } },
      },
      onEvent: (event) => events.push(event),
    });

    expect(report.outcome).toBe('healed');
    const bisectSteps = events.filter((event) => event.type === 'bisect-step');
    expect(bisectSteps.length).toBeGreaterThan(0);
    expect(bisectSteps.length).toBeLessThanOrEqual(6);
    expect(report.culprit).toMatchObject({
      sha: fixture.culpritSha,
      author: 'Mallory Dev <mallory@example.com>',
      message: 'Tune sum for speed',
    });
    expect([...(report.culprit?.files ?? [])].sort()).toEqual(['notes/19.txt', 'src/sum.mjs']);
    expect(report.chosen?.strategy).toBe('regression');
    expect(report.chosen?.patch).toContain('-  return a - b;\n+  return a + b;');
    expect(report.after?.failed).toBe(0);

    // One commit on heal/<fingerprint>, on top of the failing sha; the user's checkout is untouched.
    const branch = report.delivery?.branch ?? '';
    expect(branch).toBe(`heal/${report.fingerprint.slice(0, 12)}`);
    expect(healBranches(repo)).toEqual([branch]);
    expect(repo.git('rev-parse', `${branch}~1`)).toBe(headBefore);
    expect(repo.git('rev-parse', 'HEAD')).toBe(headBefore);
    expect(repo.git('branch', '--show-current')).toBe('main');
    expect(workingTreeChanges(repo)).toEqual([]);
    expect(repo.git('show', `${branch}:src/sum.mjs`)).toContain('return a + b;');
    // A revert undoes the whole culprit (its note too) and nothing after it.
    const files = repo.git('ls-tree', '-r', '--name-only', branch).split('\n');
    expect(files).not.toContain('notes/19.txt');
    expect(files).toContain('notes/20.txt');
    expect(files).toContain('notes/30.txt');

    // The revert branch passes the full suite when checked out on its own.
    const checkout = `${repo.dir}-verify`;
    repo.git('worktree', 'add', '-q', checkout, branch);
    try {
      expect(() => execFileSync('node', ['run-tests.mjs'], { cwd: checkout })).not.toThrow();
    } finally {
      repo.git('worktree', 'remove', '--force', checkout);
    }
  });

  it('steps back to find a green commit when none is known, and the last green run helps the next heal', async () => {
    repo = createTempRepo(BASE_FILES);
    const cache = createMemoryCache();
    const adapters = localAdapters(repo.dir);
    const green = await heal({ ...adapters, cache, config: { test: TEST_COMMAND } });
    expect(green.outcome).toBe('green');
    for (let number = 1; number <= 6; number += 1)
      repo.commit(`note ${number}`, { [`n${number}.txt`]: 'x\n' });
    const culpritSha = repo.commit('break sum', { 'src/sum.mjs': BROKEN_SUM_SOURCE });
    repo.commit('note 7', { 'n7.txt': 'x\n' });

    const events: HealEvent[] = [];
    const report = await heal({
      ...adapters,
      cache,
      config: { test: TEST_COMMAND, strategies: { flaky: { enabled: false } } },
      onEvent: (event) => events.push(event),
    });
    expect(report.outcome).toBe('healed');
    expect(report.culprit?.sha).toBe(culpritSha);
    expect(report.attempts.find((attempt) => attempt.strategy === 'regression')?.reason).toContain(
      'last green run',
    );
    // 8 commits between the last green run and HEAD: one run confirms it, ceil(log2 8) = 3 bisect.
    expect(events.filter((event) => event.type === 'bisect-step').length).toBeLessThanOrEqual(4);

    repo.commit('note 8', { 'n8.txt': 'x\n' });
    const unknown = createMemoryCache();
    const stepped = await heal({
      ...adapters,
      cache: unknown,
      config: { test: TEST_COMMAND, strategies: { flaky: { enabled: false } } },
    });
    expect(stepped.culprit?.sha).toBe(culpritSha);
    expect(stepped.attempts.find((attempt) => attempt.strategy === 'regression')?.reason).toContain(
      'stepped back',
    );
  });

  it('skips commits that do not build and still names the culprit', async () => {
    repo = createTempRepo({
      ...BASE_FILES,
      'build.mjs': "import { existsSync } from 'node:fs';\nif (existsSync('BROKEN')) process.exit(1);\n",
    });
    const good = repo.git('rev-parse', 'HEAD');
    let culpritSha = '';
    for (let number = 1; number <= 12; number += 1) {
      const files: Record<string, string> = { [`notes/${number}.txt`]: `${number}\n` };
      if (number === 5) files.BROKEN = 'the build is broken here\n';
      if (number === 9) files['src/sum.mjs'] = BROKEN_SUM_SOURCE;
      // Commits 5, 6 and 7 do not build: 5 adds BROKEN, 8 removes it.
      if (number === 8) repo.git('rm', '-q', 'BROKEN');
      const sha = repo.commit(`commit ${number}`, files);
      if (number === 9) culpritSha = sha;
    }
    const events: HealEvent[] = [];
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      config: {
        test: TEST_COMMAND,
        build: { command: ['node', 'build.mjs'] },
        strategies: { flaky: { enabled: false }, regression: { goodRevision: good } },
      },
      onEvent: (event) => events.push(event),
    });
    const verdicts = events.flatMap((event) => (event.type === 'bisect-step' ? [event.verdict] : []));
    expect(verdicts).toContain('skip');
    expect(report.outcome).toBe('healed');
    expect(report.culprit?.sha).toBe(culpritSha);
  });

  it('refuses to bisect a range longer than maxCommits rather than blame the wrong commit', async () => {
    const fixture = repoWithRegression(3);
    repo = fixture.repo;
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      config: {
        test: TEST_COMMAND,
        strategies: { flaky: { enabled: false }, regression: { goodRevision: fixture.good, maxCommits: 10 } },
      },
    });
    expect(report.outcome).toBe('not-healed');
    const regression = report.attempts.find((attempt) => attempt.strategy === 'regression');
    expect(regression?.outcome).toBe('failed');
    expect(regression?.reason).toContain('more than 10 commits between');
    expect(regression?.reason).toContain('strategies.regression.maxCommits');
    expect(regression?.testRuns).toBe(0);
  });

  it('does not bisect from a configured good revision that fails too', async () => {
    repo = createTempRepo({ ...BASE_FILES, 'src/sum.mjs': BROKEN_SUM_SOURCE });
    const notGood = repo.git('rev-parse', 'HEAD');
    for (let number = 1; number <= 3; number += 1)
      repo.commit(`note ${number}`, { [`n${number}.txt`]: 'x\n' });
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      config: {
        test: TEST_COMMAND,
        strategies: { flaky: { enabled: false }, regression: { goodRevision: notGood } },
      },
    });
    const regression = report.attempts.find((attempt) => attempt.strategy === 'regression');
    expect(regression?.reason).toBe(
      `the configured good revision ${notGood.slice(0, 7)} fails the same tests: it is not a good revision to bisect from`,
    );
    expect(regression?.testRuns).toBe(1);
    expect(report.culprit).toBeUndefined();
    expect(report.outcome).toBe('not-healed');
  });
});
