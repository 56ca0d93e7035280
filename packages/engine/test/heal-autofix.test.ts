import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryCache } from '@healing/adapters';
import { createSqliteCache } from '@healing/local';
import { afterEach, describe, expect, it } from 'vitest';
import { heal, readHealHistory } from '../src/index.js';
import { BASE_FILES } from './helpers/fixture-sources.js';
import { localAdapters, TEST_COMMAND } from './helpers/local-adapters.js';
import { createTempRepo, healBranches, type TempRepo, workingTreeChanges } from './helpers/temp-repo.js';

// The "format check" fails on trailing whitespace; the "formatter" strips it.
const FORMAT_TEST = `import { readdirSync, readFileSync } from 'node:fs';
test('source files are formatted', () => {
  for (const name of readdirSync('src')) {
    const bad = readFileSync('src/' + name, 'utf8').split('\\n').findIndex((line) => / +$/.test(line));
    if (bad !== -1) throw new Error('src/' + name + ':' + (bad + 1) + ' has trailing whitespace');
  }
});
`;
const FORMATTER = `import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
for (const name of readdirSync('src')) {
  const path = 'src/' + name;
  writeFileSync(path, readFileSync(path, 'utf8').replace(/ +$/gm, ''));
}
`;

let repo: TempRepo | undefined;
let cacheDir: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
});

const config = {
  test: TEST_COMMAND,
  strategies: {
    flaky: { reruns: 1 },
    regression: { enabled: false },
    autofix: { commands: [{ name: 'format', command: ['node', 'format.mjs'] }] },
  },
};

describe('heal: a formatting failure', () => {
  it('is fixed by the configured autofix command; a second heal returns the first instead of a second branch', async () => {
    repo = createTempRepo({ ...BASE_FILES, 'test/format.test.mjs': FORMAT_TEST, 'format.mjs': FORMATTER });
    repo.commit('Add a helper', { 'src/mul.mjs': 'export function mul(a, b) {   \n  return a * b;\n}\n' });
    const head = repo.git('rev-parse', 'HEAD');
    cacheDir = mkdtempSync(join(tmpdir(), 'heal-cache-'));
    const cachePath = join(cacheDir, 'cache.sqlite');

    const cache = createSqliteCache({ path: cachePath, threads: 1 });
    const first = await heal({ ...localAdapters(repo.dir), cache, repository: 'fixture/format', config });
    await cache.close();

    expect(first.outcome).toBe('healed');
    expect(first.failingTests[0]?.message).toContain('src/mul.mjs:1 has trailing whitespace');
    expect(first.attempts.map((attempt) => [attempt.strategy, attempt.outcome])).toEqual([
      ['flaky', 'failed'],
      ['regression', 'skipped'],
      ['autofix', 'accepted'],
    ]);
    expect(first.chosen?.patch).toContain('-export function mul(a, b) {   \n+export function mul(a, b) {\n');
    const branch = first.delivery?.branch ?? '';
    expect(repo.git('show', `${branch}:src/mul.mjs`)).toBe('export function mul(a, b) {\n  return a * b;\n}');
    expect(repo.git('rev-list', '--count', `${head}..${branch}`)).toBe('1');
    expect(workingTreeChanges(repo)).toEqual([]);

    // A new process would open the same SQLite file: the second heal finds the first.
    const reopened = createSqliteCache({ path: cachePath, threads: 1 });
    const second = await heal({
      ...localAdapters(repo.dir),
      cache: reopened,
      repository: 'fixture/format',
      config,
    });
    expect(second.outcome).toBe('duplicate');
    expect(second.duplicateOf).toBe(first.id);
    expect(second.delivery).toEqual(first.delivery);
    expect(second.metrics?.testRuns).toBe(1);
    expect(healBranches(repo)).toEqual([branch]);
    expect(repo.git('rev-list', '--count', `${head}..${branch}`)).toBe('1');
    const history = await readHealHistory(reopened, { repository: 'fixture/format' });
    expect(history.map((entry) => [entry.id, entry.outcome])).toEqual([
      [second.id, 'duplicate'],
      [first.id, 'healed'],
    ]);
    await reopened.close();
  });

  it('refuses the fixers change when the configured lint command fails on it', async () => {
    repo = createTempRepo({
      ...BASE_FILES,
      'test/format.test.mjs': FORMAT_TEST,
      'format.mjs': FORMATTER,
      // The "linter" refuses any file that the formatter has touched.
      'lint.mjs':
        "import { readFileSync } from 'node:fs';\nif (!readFileSync('src/mul.mjs', 'utf8').includes('   ')) { console.error('src/mul.mjs: lost its marker'); process.exit(2); }\n",
    });
    repo.commit('Add a helper', { 'src/mul.mjs': 'export function mul(a, b) {   \n  return a * b;\n}\n' });
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      config: { ...config, lint: { command: ['node', 'lint.mjs'] } },
    });
    expect(report.outcome).toBe('not-healed');
    const autofix = report.attempts.find((attempt) => attempt.strategy === 'autofix');
    expect(autofix?.outcome).toBe('rejected');
    expect(autofix?.reason).toContain('validation failed: lint command `node lint.mjs` fails (exit 2)');
    expect(autofix?.testRuns).toBe(0);
    expect(healBranches(repo)).toEqual([]);
  });
});
