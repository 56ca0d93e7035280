import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  BROKEN_CLAMP_SOURCE,
  BROKEN_PERCENT_SOURCE,
  buildRegression,
  createMochaProject,
  flakyTestFiles,
  type Project,
  replaceIn,
  runCommand,
} from '@healing/test-projects';
import { afterEach, describe, expect, it } from 'vitest';
import { diffOf, healWithModelAnswers } from './edits.js';
import { healIn, runCounts } from './run-heal-in.js';

// Real installs, real mocha runs over about 1,080 HTTP tests, 30-commit histories.
const SLOW = 600_000;
let project: Project | undefined;
afterEach(() => project?.cleanup());

const FAILING_CLAMP = 'test/clamp.test.js > GET /clamp clamps -3 into [0, 10]';

/** The checkout as heal must leave it: same commit, clean tree, node_modules untouched. */
function expectCheckoutUntouched(checkout: Project, head: string, modules: readonly string[]): void {
  expect(checkout.git('rev-parse', 'HEAD')).toBe(head);
  expect(checkout.git('status', '--porcelain')).toBe('');
  expect(readdirSync(join(checkout.dir, 'node_modules')).sort()).toEqual(modules);
}

describe('heal run on a mocha project with installed dependencies (numbers-api)', () => {
  it(
    'heals a regression buried in 30 commits: the culprit named, its revert delivered, each failing test named',
    async () => {
      project = createMochaProject();
      const regression = buildRegression(project, {
        culpritMessage: 'refactor: clamp without branches',
        culprit: () => ({ 'src/lib/clamp.js': BROKEN_CLAMP_SOURCE }),
      });
      const modules = readdirSync(join(project.dir, 'node_modules')).sort();
      const { code, report } = await healIn(project, ['--base', regression.good]);

      expect(code).toBe(0);
      expect(report.outcome).toBe('healed');
      expect(report.culprit?.sha).toBe(regression.culprit);
      expect(report.failingTests.map((test) => test.id)).toContain(FAILING_CLAMP);
      expect(report.failingTests.length).toBe(20);
      expect(report.before.total).toBeGreaterThan(1000);
      const branch = report.delivery?.branch ?? '';
      expect(project.git('diff', 'main', branch)).toBe(
        project.git('diff', regression.culprit, `${regression.culprit}^`),
      );
      // observe, the flaky check, confirming the good revision, ceil(log2 30) = 5 bisect steps and
      // validation: only two runs of the whole suite, the others focused on the 20 failing tests.
      const runs = runCounts(report);
      expect(runs.full).toBe(2);
      expect(runs.focused).toBeLessThanOrEqual(3 + 1 + 5 + 2);
      // Every workspace reused the checkout's node_modules: nothing was installed.
      expect(report.metrics?.setups?.every((setup) => setup.mode === 'linked')).toBe(true);
      expectCheckoutUntouched(project, regression.head, modules);
    },
    SLOW,
  );

  it(
    'names a flaky test individually and proposes no change',
    async () => {
      project = createMochaProject({ tests: 'few' });
      project.commit('test: the cache is warm', flakyTestFiles('mocha', `${Date.now()}-${process.pid}`));
      const { code, report } = await healIn(project, []);

      expect(code).toBe(0);
      expect(report.outcome).toBe('flaky');
      expect(report.flakyTests.map((test) => test.id)).toEqual(['test/cache.test.js > cache is warm']);
      expect(report.delivery).toBeUndefined();
    },
    SLOW,
  );

  it(
    'fixes a lint break with the configured fixer',
    async () => {
      project = createMochaProject({ tests: 'few' });
      project.commit('heal config', {
        'heal.config.json': JSON.stringify({
          test: { command: 'npm run lint && npm test' },
          strategies: { autofix: { commands: [{ name: 'eslint', command: 'npx eslint --fix .' }] } },
        }),
      });
      project.commit(
        'stats: shorter',
        replaceIn(project, { 'src/lib/stats.js': ['  const sorted', '  let sorted'] }),
      );
      const { report } = await healIn(project, ['--strategies', 'autofix']);

      expect(report.outcome).toBe('healed');
      expect(report.chosen?.strategy).toBe('autofix');
      expect(report.failingTests).toEqual([
        expect.objectContaining({ id: 'npm run lint && npm test', scope: 'command' }),
      ]);
      expect(report.chosen?.patch).toContain('+  const sorted');
      expect(report.after?.passed).toBeGreaterThan(150);
    },
    SLOW,
  );

  it(
    'refuses a model answer that narrows the test script, then delivers its real fix',
    async () => {
      project = createMochaProject({ tests: 'few' });
      project.commit('percent: simpler', { 'src/lib/percent.js': BROKEN_PERCENT_SOURCE });
      const manifest = project.read('package.json');
      const narrowed = manifest.replace('"test": "mocha"', '"test": "mocha --grep percent --invert"');
      const skipsTests = diffOf(project, { 'package.json': narrowed });
      const fix = diffOf(project, {
        'src/lib/percent.js': project.read('src/lib/percent.js').replace('Math.floor(', 'Math.round('),
      });
      const report = await healWithModelAnswers(project, [skipsTests, fix]);
      const model = report.attempts.filter((attempt) => attempt.strategy === 'model');
      expect(model.map((attempt) => attempt.outcome)).toEqual(['rejected', 'accepted']);
      expect(model[0]?.reason).toContain('changes how the tests run: the "test" script in package.json');
      expect(report.outcome).toBe('healed');
    },
    SLOW,
  );

  it(
    'sets up only the workspaces whose lockfile differs when the culprit changed the lockfile',
    async () => {
      project = createMochaProject({ tests: 'few' });
      const regression = buildRegression(project, {
        culpritMessage: 'feat: escape roman numerals in errors',
        culprit: () => ({ 'src/lib/clamp.js': BROKEN_CLAMP_SOURCE }),
        // A new dependency: package.json and package-lock.json change with the culprit.
        beforeCulpritCommit: (checkout) =>
          runCommand('npm', ['install', 'escape-html@1.0.3', '--no-audit', '--no-fund'], {
            cwd: checkout.dir,
          }),
      });
      const { report } = await healIn(project, ['--base', regression.good]);

      expect(report.outcome).toBe('healed');
      expect(report.culprit?.sha).toBe(regression.culprit);
      const beforeCulprit = new Set([
        regression.good,
        ...project.git('rev-list', `${regression.culprit}^`, `^${regression.good}`).split('\n'),
      ]);
      const setups = report.metrics?.setups ?? [];
      const installed = setups.filter((setup) => setup.mode === 'installed' || setup.mode === 'cached');
      expect(installed.length).toBeGreaterThan(0);
      // Installs happened only at commits older than the culprit (their lockfile differs), and
      // the revert's validation installs too: it removes the dependency.
      for (const setup of installed) {
        expect(beforeCulprit.has(setup.revision) || setup.label.endsWith('candidate')).toBe(true);
      }
      expect(setups.filter((setup) => setup.mode === 'linked').length).toBeGreaterThan(0);
      expect(existsSync(join(project.dir, 'node_modules', 'escape-html'))).toBe(true);
    },
    SLOW,
  );

  it(
    'stops within one test run when its workspace cannot run the tests',
    async () => {
      project = createMochaProject({ tests: 'few' });
      // A runner installed outside node_modules and ignored by git: only the checkout has it.
      project.commit('tools are local', { '.gitignore': 'node_modules/\ntools/\n' });
      project.write({ 'tools/run-tests': '#!/bin/sh\nexec npx mocha "$@"\n' });
      runCommand('chmod', ['+x', 'tools/run-tests'], { cwd: project.dir });
      project.commit('refactor: clamp', { 'src/lib/clamp.js': BROKEN_CLAMP_SOURCE });
      project.commit('heal config', {
        'heal.config.json': JSON.stringify({ test: { command: './tools/run-tests' }, setup: false }),
      });
      const { code, report } = await healIn(project, []);

      expect(code).toBe(1);
      expect(report.outcome).toBe('not-healed');
      expect(report.summary).toMatch(
        /^not healed: the workspace does not reproduce the failure: 20 tests fail in your checkout, the test command could not run there: .*run-tests.*not found; set `setup`/,
      );
      expect(report.environment).toMatchObject({ where: 'workspace', kind: 'command-not-found' });
      expect(report.metrics?.testRuns).toBe(2);
    },
    SLOW,
  );
});
