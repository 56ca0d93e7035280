import { createMemoryCache } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { heal } from '../src/index.js';
import { BASE_FILES, BROKEN_SUM_SOURCE } from './helpers/fixture-sources.js';
import { localAdapters, TEST_COMMAND } from './helpers/local-adapters.js';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const CHANGELOG = '# Changelog\n\n## Unreleased\n\n';

describe('heal: a culprit whose revert conflicts in places', () => {
  it('reverts as git revert merges, leaves the conflicting changelog as it is and says so', async () => {
    repo = createTempRepo({ ...BASE_FILES, 'CHANGELOG.md': CHANGELOG });
    const good = repo.git('rev-parse', 'HEAD');
    let changelog = `${CHANGELOG}- sum is faster\n`;
    const culprit = repo.commit('Faster sum', {
      'src/sum.mjs': BROKEN_SUM_SOURCE,
      'CHANGELOG.md': changelog,
    });
    // Later commits append right after the culprit's line: git revert conflicts there.
    for (const number of [1, 2, 3]) {
      changelog = `${changelog}- entry ${number}\n`;
      repo.commit(`Entry ${number}`, { 'CHANGELOG.md': changelog });
    }
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      config: {
        test: TEST_COMMAND,
        strategies: { flaky: { reruns: 1 }, regression: { goodRevision: good } },
      },
    });

    expect(report.outcome).toBe('healed');
    expect(report.culprit?.sha).toBe(culprit);
    expect(report.chosen?.leftOut).toEqual([
      { path: 'CHANGELOG.md', reason: 'later commits changed it too: its revert conflicts' },
    ]);
    expect(report.chosen?.reason).toMatch(/^partial revert of /);
    const branch = report.delivery?.branch ?? '';
    expect(repo.git('show', `${branch}:src/sum.mjs`)).toContain('return a + b;');
    expect(repo.git('show', `${branch}:CHANGELOG.md`)).toBe(changelog.trimEnd());
    expect(repo.git('diff', '--name-only', 'HEAD', branch)).toBe('src/sum.mjs');
  }, 60_000);

  it('leaves out of a revert the files that define how the tests run', async () => {
    const manifest = (test: string) => `${JSON.stringify({ name: 'app', scripts: { test } }, null, 2)}\n`;
    repo = createTempRepo({ ...BASE_FILES, 'package.json': manifest('node run-tests.mjs') });
    const good = repo.git('rev-parse', 'HEAD');
    const culprit = repo.commit('Faster sum, quieter tests', {
      'src/sum.mjs': BROKEN_SUM_SOURCE,
      'package.json': manifest('QUIET=1 node run-tests.mjs'),
    });
    repo.commit('More notes', { 'notes.txt': 'x\n' });
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      config: {
        test: { ...TEST_COMMAND, command: 'npm test --silent' },
        strategies: { flaky: { reruns: 1 }, regression: { goodRevision: good } },
      },
    });

    expect(report.outcome, JSON.stringify(report.attempts, null, 1)).toBe('healed');
    expect(report.culprit?.sha).toBe(culprit);
    expect(report.chosen?.leftOut).toEqual([
      { path: 'package.json', reason: 'it defines how the tests run, which a heal never changes' },
    ]);
    expect(repo.git('diff', '--name-only', 'HEAD', report.delivery?.branch ?? '')).toBe('src/sum.mjs');
  }, 60_000);
});
