import {
  BROKEN_FORMAT_SOURCE,
  BROKEN_PRICE_SOURCE,
  buildRegression,
  createPnpmMonorepo,
  flakyTestFiles,
  type Project,
  replaceIn,
} from '@healing/test-projects';
import { afterEach, describe, expect, it } from 'vitest';
import { diffOf, healWithModelAnswers } from './edits.js';
import { pnpmOnPath } from './pnpm-on-path.js';
import { healIn, runCounts } from './run-heal-in.js';

const SLOW = 600_000;
let project: Project | undefined;
afterEach(() => project?.cleanup());

describe('heal run on a pnpm workspace monorepo with vitest (shelf)', () => {
  it(
    'heals a regression in one package that breaks the other through its workspace link, leaving the changelog',
    async () => {
      project = createPnpmMonorepo();
      const regression = buildRegression(project, {
        culpritMessage: 'core: simpler discount',
        culprit: () => ({ 'packages/core/src/price.ts': BROKEN_PRICE_SOURCE }),
        // Each commit adds its changelog entry after the previous one: the culprit's cannot be reverted.
        changelog: true,
      });
      const { code, report } = await healIn(project, ['--base', regression.good], pnpmOnPath());

      expect(code).toBe(0);
      expect(report.outcome).toBe('healed');
      expect(report.culprit?.sha).toBe(regression.culprit);
      const ids = report.failingTests.map((test) => test.id);
      // Failing in both packages: core's own tests, and api's through the link to core.
      expect(ids).toContain('packages/core/test/price.test.ts > applyDiscount takes 10% off 1000 cents');
      expect(ids).toContain('packages/api/test/format.test.ts > invoiceTotal applies the discount');
      // A partial revert, said as such: the code reverted exactly, the changelog left as it is.
      expect(report.chosen?.reason).toMatch(/^partial revert of /);
      expect(report.chosen?.leftOut).toEqual([
        { path: 'CHANGELOG.md', reason: 'later commits changed it too: its revert conflicts' },
      ]);
      const branch = report.delivery?.branch ?? '';
      expect(project.git('diff', 'main', branch)).toBe(
        project.git('diff', regression.culprit, `${regression.culprit}^`, '--', 'packages'),
      );
      expect(runCounts(report).full).toBe(2);
      // The root's and api's node_modules (core has no dependencies) linked into every workspace, none installed.
      expect(report.metrics?.setups?.[0]?.dependencies).toEqual([
        'node_modules',
        'packages/api/node_modules',
      ]);
      expect(report.metrics?.setups?.every((setup) => setup.mode === 'linked')).toBe(true);
      expect(project.git('status', '--porcelain')).toBe('');
    },
    SLOW,
  );

  it(
    'names a flaky vitest test individually',
    async () => {
      project = createPnpmMonorepo();
      project.commit('core: cache test', flakyTestFiles('vitest', `${Date.now()}-${process.pid}`));
      const { report } = await healIn(project, [], pnpmOnPath());

      expect(report.outcome).toBe('flaky');
      expect(report.flakyTests.map((test) => test.id)).toEqual([
        'packages/core/test/cache.test.ts > finds the cache warm',
      ]);
    },
    SLOW,
  );

  it(
    'fixes a formatting break with the configured fixer',
    async () => {
      project = createPnpmMonorepo();
      project.commit('heal config', {
        'heal.config.json': JSON.stringify({
          test: { command: 'pnpm run format:check && pnpm test' },
          strategies: {
            autofix: { commands: [{ name: 'prettier', command: 'pnpm exec prettier --write .' }] },
          },
        }),
      });
      project.commit(
        'core: quotes',
        replaceIn(project, { 'packages/core/src/index.ts': ["'./price.js'", '"./price.js"'] }),
      );
      const { report } = await healIn(project, ['--strategies', 'autofix'], pnpmOnPath());

      expect(report.outcome).toBe('healed');
      expect(report.chosen?.strategy).toBe('autofix');
      expect(report.chosen?.patch).toContain("+export { applyDiscount, sum } from './price.js';");
    },
    SLOW,
  );

  it(
    'refuses a model answer that narrows the vitest config, then delivers its real fix',
    async () => {
      project = createPnpmMonorepo();
      project.commit('api: shorter cents', { 'packages/api/src/format.ts': BROKEN_FORMAT_SOURCE });
      const narrowed = project
        .read('vitest.config.ts')
        .replace(
          "projects: ['packages/*'],",
          "projects: ['packages/*'],\n    exclude: ['**/format.test.ts'],",
        );
      const skipsTests = diffOf(project, { 'vitest.config.ts': narrowed });
      const fix = diffOf(project, {
        'packages/api/src/format.ts': project
          .read('packages/api/src/format.ts')
          .replace('String(absolute % 100)', "String(absolute % 100).padStart(2, '0')"),
      });
      const report = await healWithModelAnswers(project, [skipsTests, fix], pnpmOnPath());
      const model = report.attempts.filter((attempt) => attempt.strategy === 'model');
      expect(model.map((attempt) => attempt.outcome)).toEqual(['rejected', 'accepted']);
      expect(model[0]?.reason).toContain(
        'changes how the tests run: the test runner configuration in vitest.config.ts',
      );
      expect(report.outcome).toBe('healed');
    },
    SLOW,
  );
});
