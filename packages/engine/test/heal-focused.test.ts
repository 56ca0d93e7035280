import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryCache } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { heal } from '../src/index.js';
import { BASE_FILES, BROKEN_SUM_SOURCE, SUM_SOURCE } from './helpers/fixture-sources.js';
import { localAdapters, TEST_COMMAND } from './helpers/local-adapters.js';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.js';

// A passing test in another file that counts how often it runs.
const COUNTING_TEST = `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
test('counts its runs', () => {
  const path = process.env.RUN_COUNTER;
  writeFileSync(path, String((existsSync(path) ? Number(readFileSync(path, 'utf8')) : 0) + 1));
});
`;

let repo: TempRepo | undefined;
let stateDir: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('heal: with a focus command', () => {
  it('reruns and revalidates only the failing test files, then checks the whole suite once', async () => {
    repo = createTempRepo({
      ...BASE_FILES,
      'test/count.test.mjs': COUNTING_TEST,
      'fix.mjs': `import { writeFileSync } from 'node:fs';\nwriteFileSync('src/sum.mjs', ${JSON.stringify(SUM_SOURCE)});\n`,
    });
    repo.commit('break sum', { 'src/sum.mjs': BROKEN_SUM_SOURCE });
    stateDir = mkdtempSync(join(tmpdir(), 'heal-focus-'));
    const counter = join(stateDir, 'runs');
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      config: {
        test: {
          ...TEST_COMMAND,
          focusCommand: ['node', 'run-tests.mjs', '{files}'],
          env: { RUN_COUNTER: counter },
        },
        validation: { repeat: 2 },
        strategies: {
          flaky: { reruns: 2 },
          regression: { enabled: false },
          autofix: { commands: [{ name: 'fix', command: ['node', 'fix.mjs'] }] },
        },
      },
    });
    expect(report.outcome).toBe('healed');
    // 1 observation + 2 focused reruns + 2 focused validation runs + 1 full validation run.
    expect(report.metrics?.testRuns).toBe(6);
    // Only the two full runs ran the other test file.
    expect(readFileSync(counter, 'utf8')).toBe('2');
    expect(report.after?.passedTestIds).toContain('test/count.test.mjs > counts its runs');
    expect(report.attempts.find((attempt) => attempt.strategy === 'flaky')?.testRuns).toBe(2);
  });

  it('refuses a focus command without {files}', async () => {
    repo = createTempRepo(BASE_FILES);
    await expect(
      heal({
        ...localAdapters(repo.dir),
        cache: createMemoryCache(),
        config: { test: { ...TEST_COMMAND, focusCommand: 'node run-tests.mjs' } },
      }),
    ).rejects.toThrowError(/test\.focusCommand: must contain \{files\}/);
  });
});
