// The engine on a project shaped like a user's (numbers-api: Express, mocha, supertest, about
// 1,080 tests, node_modules installed from the registry and untracked), measured against that
// project's own test run in the same process:
// - a workspace's dependency setup when its lockfile equals the checkout's (linked), as a ratio
//   of one full test run (target: under 0.2);
// - setup when the lockfile changed (npm ci --prefer-offline, the detected setup) and when
//   cached, against a plain `npm ci` in a fresh worktree;
// - a 30-commit regression with the good revision given: the time in test commands as a
//   multiple of one full test run (target: at most ceil(log2 30) + 4 = 9), and without it.
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createMemoryCache } from '@healing/adapters';
import { createCliGit, createProcessExecution, createWorktreeWorkspaces } from '@healing/local';
import { BROKEN_CLAMP_SOURCE, buildRegression, createMochaProject, runCommand } from '@healing/test-projects';
import { heal } from '../dist/index.js';

const ROUNDS = Number(process.env.HEAL_BENCH_ROUNDS ?? 3);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const SETUP = { command: 'npm ci --prefer-offline --no-audit --no-fund', timeoutMs: 600_000 };

/** Median of one full `npm test` in the checkout (after one warm-up run). */
async function fullTestRunMs(dir) {
  const execution = createProcessExecution({ cwd: dir });
  await execution.runTests({ command: 'npm test' });
  const times = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    times.push((await execution.runTests({ command: 'npm test' })).command.durationMs);
  }
  return median(times);
}

async function setupMs(provider, revision) {
  const workspace = await provider.create({ revision, label: 'bench' });
  try {
    const setup = await workspace.prepare();
    if (setup.failure) throw new Error(setup.failure);
    return { ms: setup.durationMs, mode: setup.mode };
  } finally {
    await workspace.dispose();
  }
}

function plainNpmCiMs(project, revision) {
  const dir = `${project.dir}-npm-ci-${Math.random().toString(36).slice(2)}`;
  project.git('worktree', 'add', '--quiet', '--detach', dir, revision);
  try {
    const started = performance.now();
    runCommand('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir });
    return performance.now() - started;
  } finally {
    project.git('worktree', 'remove', '--force', dir);
  }
}

async function healRegression(project, regression, withGood) {
  const report = await heal({
    git: createCliGit({ dir: project.dir }),
    execution: createProcessExecution({ cwd: project.dir }),
    workspaces: createWorktreeWorkspaces({ repoDir: project.dir, setup: SETUP }),
    cache: createMemoryCache(),
    cwd: project.dir,
    env: {},
    config: {
      test: { command: 'npm test' },
      ...(withGood ? { strategies: { regression: { goodRevision: regression.good } } } : {}),
    },
  });
  if (report.outcome !== 'healed') throw new Error(`not healed: ${report.summary}`);
  for (const branch of project.git('branch', '--list', 'heal/*', '--format=%(refname:short)').split('\n')) {
    if (branch) project.git('branch', '-D', branch);
  }
  return report;
}

export async function benchRealProject() {
  const project = createMochaProject();
  try {
    const regression = buildRegression(project, {
      culpritMessage: 'refactor: clamp',
      culprit: () => ({ 'src/lib/clamp.js': BROKEN_CLAMP_SOURCE }),
    });
    // A branch whose lockfile differs: a dependency added.
    project.git('switch', '--quiet', '-c', 'bump', regression.good);
    runCommand('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', 'escape-html@1.0.3'], {
      cwd: project.dir,
    });
    const bumped = project.commit('deps: escape-html');
    project.git('switch', '--quiet', 'main');

    const testRunMs = await fullTestRunMs(project.dir);
    const cacheDir = `${project.dir}-deps`;
    const provider = createWorktreeWorkspaces({
      repoDir: project.dir,
      setup: SETUP,
      dependencyCacheDir: cacheDir,
    });
    const linked = [];
    for (let round = 0; round < ROUNDS; round += 1)
      linked.push((await setupMs(provider, regression.good)).ms);
    const installed = [];
    const cached = [];
    const plain = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      rmSync(cacheDir, { recursive: true, force: true });
      const first = createWorktreeWorkspaces({
        repoDir: project.dir,
        setup: SETUP,
        dependencyCacheDir: cacheDir,
      });
      installed.push((await setupMs(first, bumped)).ms);
      cached.push((await setupMs(first, bumped)).ms);
      plain.push(plainNpmCiMs(project, bumped));
    }
    rmSync(cacheDir, { recursive: true, force: true });
    const withGood = await healRegression(project, regression, true);
    const withoutGood = await healRegression(project, regression, false);
    const testMs = (report) => report.metrics.commandMs;
    const rows = [
      {
        measure: 'workspace setup, lockfile unchanged (linked)',
        ms: Math.round(median(linked)),
        baseline: 'one full test run',
        baselineMs: Math.round(testRunMs),
        ratio: Number((median(linked) / testRunMs).toFixed(3)),
        target: '< 0.2',
      },
      {
        measure: 'workspace setup, lockfile changed (npm ci --prefer-offline)',
        ms: Math.round(median(installed)),
        baseline: 'plain npm ci, fresh worktree',
        baselineMs: Math.round(median(plain)),
        ratio: Number((median(installed) / median(plain)).toFixed(3)),
        target: '',
      },
      {
        measure: 'workspace setup, same changed lockfile again (cached)',
        ms: Math.round(median(cached)),
        baseline: 'plain npm ci, fresh worktree',
        baselineMs: Math.round(median(plain)),
        ratio: Number((median(cached) / median(plain)).toFixed(3)),
        target: '',
      },
      {
        measure: `30-commit regression, good revision given: test commands (${withGood.metrics.testRuns} runs, ${withGood.metrics.focusedRuns} focused)`,
        ms: Math.round(testMs(withGood)),
        baseline: 'one full test run',
        baselineMs: Math.round(testRunMs),
        ratio: Number((testMs(withGood) / testRunMs).toFixed(2)),
        target: `<= ${Math.ceil(Math.log2(30)) + 4}`,
      },
      {
        measure: `30-commit regression, no good revision: test commands (${withoutGood.metrics.testRuns} runs, ${withoutGood.metrics.focusedRuns} focused)`,
        ms: Math.round(testMs(withoutGood)),
        baseline: 'one full test run',
        baselineMs: Math.round(testRunMs),
        ratio: Number((testMs(withoutGood) / testRunMs).toFixed(2)),
        target: '',
      },
    ];
    return { rows, testRunMs, tests: 1080 };
  } finally {
    project.cleanup();
  }
}
