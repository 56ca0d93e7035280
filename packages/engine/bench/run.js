// `pnpm bench` in packages/engine: the engine's own overhead per heal (time beyond the
// commands it ran) and test runs per strategy against the theoretical minimum.
// Prints a table and writes bench-results/engine.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryCache } from '@healing/adapters';
import { createCliGit, createProcessExecution, createWorktreeWorkspaces } from '@healing/local';
import { heal } from '../dist/index.js';
import { startScriptedModelServer } from '../dist/testing/index.js';
import { BROKEN_SUM, createRepo, SUM } from './fixtures.js';
import { benchRealProject } from './real-project.js';

const ROUNDS = Number(process.env.HEAL_BENCH_ROUNDS ?? 3);
const TEST = { command: ['node', 'run-tests.mjs'], report: { format: 'junit', path: 'report.xml' } };
const REPEAT = 2;

const adapters = (dir) => ({
  git: createCliGit({ dir }),
  execution: createProcessExecution({ cwd: dir }),
  workspaces: createWorktreeWorkspaces({ repoDir: dir }),
  cache: createMemoryCache(),
  cwd: dir,
});

const scenarios = [
  {
    name: 'flaky',
    strategy: 'flaky',
    // One rerun that passes proves flakiness; the observation run is the other.
    minimumRuns: () => 1 + 1,
    async setup() {
      const state = mkdtempSync(join(tmpdir(), 'heal-bench-state-'));
      const repo = createRepo({
        'test/net.test.mjs': `import { existsSync, readFileSync, writeFileSync } from 'node:fs';
test('flaky', () => { const p = process.env.FLAKY_COUNTER; const n = existsSync(p) ? Number(readFileSync(p, 'utf8')) : 0;
  writeFileSync(p, String(n + 1)); if (n % 2 === 0) throw new Error('reset'); });
`,
      });
      return {
        repo,
        config: {
          test: { ...TEST, env: { FLAKY_COUNTER: join(state, 'n') } },
          strategies: { flaky: { reruns: 3 } },
        },
        cleanup: () => rmSync(state, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'regression (30 commits)',
    strategy: 'regression',
    // Observation, ceil(log2 30) bisect runs, one validation run.
    minimumRuns: () => 1 + Math.ceil(Math.log2(30)) + 1,
    async setup() {
      const repo = createRepo({});
      const good = repo.git('rev-parse', 'HEAD');
      for (let n = 1; n <= 30; n += 1)
        repo.commit(`c${n}`, n === 13 ? { 'src/sum.mjs': BROKEN_SUM } : { [`n/${n}`]: `${n}\n` });
      return {
        repo,
        config: {
          test: TEST,
          validation: { repeat: REPEAT },
          strategies: { flaky: { enabled: false }, regression: { goodRevision: good } },
        },
      };
    },
  },
  {
    name: 'autofix',
    strategy: 'autofix',
    minimumRuns: () => 1 + 1,
    async setup() {
      const repo = createRepo({
        'fix.mjs':
          "import { writeFileSync } from 'node:fs';\nwriteFileSync('src/sum.mjs', " +
          JSON.stringify(SUM) +
          ');\n',
      });
      repo.commit('break', { 'src/sum.mjs': BROKEN_SUM });
      return {
        repo,
        config: {
          test: TEST,
          validation: { repeat: REPEAT },
          strategies: {
            flaky: { enabled: false },
            regression: { enabled: false },
            autofix: { commands: [{ name: 'fix', command: ['node', 'fix.mjs'] }] },
          },
        },
      };
    },
  },
  {
    name: 'model (1 answer)',
    strategy: 'model',
    minimumRuns: () => 1 + 1,
    async setup() {
      const repo = createRepo({});
      repo.commit('break', { 'src/sum.mjs': BROKEN_SUM });
      const diff =
        'diff --git a/src/sum.mjs b/src/sum.mjs\n--- a/src/sum.mjs\n+++ b/src/sum.mjs\n@@ -1,3 +1,3 @@\n export function sum(a, b) {\n-  return a - b;\n+  return a + b;\n }\n';
      const server = await startScriptedModelServer({ answers: () => `\`\`\`diff\n${diff}\`\`\`` });
      return {
        repo,
        config: {
          test: TEST,
          validation: { repeat: REPEAT },
          strategies: {
            flaky: { enabled: false },
            regression: { enabled: false },
            model: { enabled: true, baseUrl: server.baseUrl, maxAttempts: 1 },
          },
        },
        cleanup: () => server.close(),
      };
    },
  },
];

async function baselineTestRunMs() {
  const repo = createRepo({});
  try {
    const execution = createProcessExecution({ cwd: repo.dir });
    await execution.runTests(TEST); // warm-up: the first node start reads everything from disk
    const times = [];
    for (let n = 0; n < 5; n += 1) times.push((await execution.runTests(TEST)).command.durationMs);
    return median(times);
  } finally {
    repo.cleanup();
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const baseline = await baselineTestRunMs();
const rows = [];
for (const scenario of scenarios) {
  const samples = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const fixture = await scenario.setup();
    try {
      const report = await heal({ ...adapters(fixture.repo.dir), config: fixture.config, env: {} });
      const strategyRuns = report.attempts
        .filter((attempt) => attempt.strategy === scenario.strategy)
        .reduce((sum, attempt) => sum + attempt.testRuns, 0);
      samples.push({
        outcome: report.outcome,
        durationMs: report.durationMs,
        commandMs: report.metrics.commandMs,
        overheadMs: report.durationMs - report.metrics.commandMs,
        testRuns: report.metrics.testRuns,
        strategyRuns,
        workspaces: report.metrics.workspaces,
      });
    } finally {
      fixture.repo.cleanup();
      await fixture.cleanup?.();
    }
  }
  const pick = (key) => median(samples.map((sample) => sample[key]));
  rows.push({
    scenario: scenario.name,
    outcome: samples.map((sample) => sample.outcome).join(','),
    healMs: Math.round(pick('durationMs')),
    commandMs: Math.round(pick('commandMs')),
    overheadMs: Math.round(pick('overheadMs')),
    overheadInTestRuns: Number((pick('overheadMs') / baseline).toFixed(2)),
    workspaces: pick('workspaces'),
    testRuns: pick('testRuns'),
    strategyRuns: pick('strategyRuns'),
    minimumTestRuns: scenario.minimumRuns(),
    validationRepeat: scenario.strategy === 'flaky' ? 0 : REPEAT,
  });
}

console.log(
  `engine bench: ${ROUNDS} rounds per scenario (medians); one bare test run takes ${Math.round(baseline)} ms`,
);
console.table(rows);
const realProject = await benchRealProject();
console.log(
  `\nengine bench on a real project (numbers-api: mocha, ${realProject.tests} tests, installed node_modules): one full test run takes ${Math.round(realProject.testRunMs)} ms`,
);
console.table(realProject.rows);
mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/engine.json',
  `${JSON.stringify(
    { date: new Date().toISOString(), rounds: ROUNDS, baselineTestRunMs: baseline, rows, realProject },
    null,
    2,
  )}\n`,
);
console.log('wrote bench-results/engine.json');
