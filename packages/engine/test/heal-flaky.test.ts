import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryCache, createTestResult } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealEvent, heal, readFlakyStatistics } from '../src/index.js';
import { BASE_FILES } from './helpers/fixture-sources.js';
import { localAdapters, TEST_COMMAND } from './helpers/local-adapters.js';
import { createTempRepo, healBranches, type TempRepo, workingTreeChanges } from './helpers/temp-repo.js';

// Fails on every other run: the counter lives outside the repository, so every workspace shares it.
const FLAKY_TEST = `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
test('retries the connection', () => {
  const path = process.env.FLAKY_COUNTER;
  const count = existsSync(path) ? Number(readFileSync(path, 'utf8')) : 0;
  writeFileSync(path, String(count + 1));
  if (count % 2 === 0) throw new Error('connection reset after ' + (count * 17 + 3) + 'ms');
});
`;

let repo: TempRepo | undefined;
let stateDir: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('heal: a flaky test', () => {
  it('is reported as flaky with pass/fail counts, and no change is proposed', async () => {
    repo = createTempRepo({ ...BASE_FILES, 'test/net.test.mjs': FLAKY_TEST });
    stateDir = mkdtempSync(join(tmpdir(), 'heal-flaky-state-'));
    const counter = join(stateDir, 'count');
    const cache = createMemoryCache();
    const events: HealEvent[] = [];
    const report = await heal({
      ...localAdapters(repo.dir),
      cache,
      repository: 'fixture/flaky',
      config: {
        test: { ...TEST_COMMAND, env: { FLAKY_COUNTER: counter } },
        strategies: { flaky: { reruns: 3 } },
      },
      onEvent: (event) => events.push(event),
    });

    expect(report.outcome).toBe('flaky');
    expect(report.failingTests.map((test) => test.id)).toEqual([
      'test/net.test.mjs > retries the connection',
    ]);
    expect(report.flakyTests).toEqual([
      { id: 'test/net.test.mjs > retries the connection', passes: 2, failures: 2 },
    ]);
    expect(report.chosen).toBeUndefined();
    expect(report.delivery).toBeUndefined();
    expect(report.attempts.map((attempt) => [attempt.strategy, attempt.outcome])).toEqual([
      ['flaky', 'accepted'],
    ]);
    expect(report.metrics?.testRuns).toBe(4);
    expect(readFileSync(counter, 'utf8')).toBe('4');
    expect(healBranches(repo)).toEqual([]);
    expect(workingTreeChanges(repo)).toEqual([]);
    expect(await readFlakyStatistics(cache, 'fixture/flaky')).toEqual({
      'test/net.test.mjs > retries the connection': { passes: 2, failures: 2, lastSha: report.sha },
    });
    expect(events.map((event) => event.type)).toEqual([
      'run-started',
      'failure-observed',
      'strategy-started',
      'workspace-ready',
      'failure-reproduced',
      'strategy-tried',
      'finished',
    ]);
  });
});

describe('heal: a failing run reported by CI', () => {
  it('starts from the given report instead of running the tests first, and finds it does not reproduce', async () => {
    repo = createTempRepo(BASE_FILES);
    const failingRun = createTestResult({
      source: 'junit',
      passedTestIds: ['test/mul.test.mjs > multiplies two numbers'],
      failedTests: [
        {
          id: 'test/sum.test.mjs > adds two numbers',
          name: 'adds two numbers',
          file: 'test/sum.test.mjs',
          message: 'Error: socket hang up',
          output: '',
        },
      ],
    });
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      failingRun,
      config: { test: TEST_COMMAND, strategies: { flaky: { reruns: 2 } } },
    });
    expect(report.outcome).toBe('flaky');
    expect(report.before).toEqual(failingRun);
    expect(report.flakyTests).toEqual([
      { id: 'test/sum.test.mjs > adds two numbers', passes: 2, failures: 1 },
    ]);
    expect(report.metrics?.testRuns).toBe(2);
  });
});

describe('heal: quarantining flaky tests (opt-in)', () => {
  it('proposes adding the flaky test to the quarantine list on a heal branch, keeping earlier entries', async () => {
    const earlier = {
      tests: [{ id: 'test/old.test.mjs > wobbles', passes: 1, failures: 1, sha: 'abc1234' }],
    };
    repo = createTempRepo({
      ...BASE_FILES,
      'test/net.test.mjs': FLAKY_TEST,
      '.healing/quarantine.json': `${JSON.stringify(earlier, null, 2)}\n`,
    });
    stateDir = mkdtempSync(join(tmpdir(), 'heal-flaky-state-'));
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      config: {
        test: { ...TEST_COMMAND, env: { FLAKY_COUNTER: join(stateDir, 'count') } },
        strategies: { flaky: { reruns: 3, quarantine: { enabled: true } } },
      },
    });
    expect(report.outcome).toBe('flaky');
    expect(report.chosen?.reason).toContain('quarantine 1 flaky test in .healing/quarantine.json');
    expect(report.after).toBeUndefined();
    const branch = report.delivery?.branch ?? '';
    expect(healBranches(repo)).toEqual([branch]);
    expect(JSON.parse(repo.git('show', `${branch}:.healing/quarantine.json`))).toEqual({
      tests: [
        { id: 'test/net.test.mjs > retries the connection', passes: 2, failures: 2, sha: report.sha },
        ...earlier.tests,
      ],
    });
    expect(repo.git('diff', '--stat', `${report.sha}..${branch}`)).toContain('.healing/quarantine.json');
    expect(workingTreeChanges(repo)).toEqual([]);
  });
});
