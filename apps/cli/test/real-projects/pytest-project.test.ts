import {
  BROKEN_SLUG_SOURCE,
  BROKEN_WORDS_SOURCE,
  buildRegression,
  createPytestProject,
  flakyTestFiles,
  type Project,
  replaceIn,
} from '@healing/test-projects';
import { afterEach, describe, expect, it } from 'vitest';
import { diffOf, healWithModelAnswers } from './edits.js';
import { healIn, runCounts } from './run-heal-in.js';

const SLOW = 600_000;
let project: Project | undefined;
afterEach(() => project?.cleanup());

describe('heal run on a pytest project with its own venv and an editable install (textkit)', () => {
  it(
    'heals a regression in 30 commits, importing the workspace’s code through the venv',
    async () => {
      project = createPytestProject();
      const regression = buildRegression(project, {
        culpritMessage: 'slug: no separators',
        culprit: () => ({ 'src/textkit/slug.py': BROKEN_SLUG_SOURCE }),
      });
      const { code, report } = await healIn(project, ['--base', regression.good]);

      expect(code).toBe(0);
      expect(report.outcome).toBe('healed');
      expect(report.culprit?.sha).toBe(regression.culprit);
      expect(report.failingTests.map((test) => test.id)).toContain(
        'tests/test_slug.py > test_slugify_chapters[Chapter 7: The Title-chapter-7-the-title]',
      );
      const branch = report.delivery?.branch ?? '';
      expect(project.git('diff', 'main', branch)).toBe(
        project.git('diff', regression.culprit, `${regression.culprit}^`),
      );
      expect(runCounts(report).full).toBe(2);
      expect(report.metrics?.setups?.[0]?.dependencies).toEqual(['.venv']);
      expect(project.git('status', '--porcelain')).toBe('');
    },
    SLOW,
  );

  it(
    'names a flaky pytest test individually',
    async () => {
      project = createPytestProject();
      project.commit('tests: cache', flakyTestFiles('pytest', `${Date.now()}-${process.pid}`));
      const { report } = await healIn(project, []);

      expect(report.outcome).toBe('flaky');
      expect(report.flakyTests.map((test) => test.id)).toEqual(['tests/test_cache.py > test_cache_is_warm']);
    },
    SLOW,
  );

  it(
    'fixes a lint break with the project’s own fixer',
    async () => {
      project = createPytestProject();
      project.commit('heal config', {
        'heal.config.json': JSON.stringify({
          test: { command: 'python3 tools/lint.py && python3 -m pytest' },
          strategies: { autofix: { commands: [{ name: 'lint', command: 'python3 tools/lint.py --fix' }] } },
        }),
      });
      project.commit(
        'words: spacing',
        replaceIn(project, { 'src/textkit/words.py': ['import math\n', 'import math   \n'] }),
      );
      const { report } = await healIn(project, ['--strategies', 'autofix']);

      expect(report.outcome).toBe('healed');
      expect(report.chosen?.strategy).toBe('autofix');
      expect(report.chosen?.patch).toContain('+import math\n');
    },
    SLOW,
  );

  it(
    'refuses a model answer that deselects the failing tests in pyproject.toml, then delivers its real fix',
    async () => {
      project = createPytestProject();
      project.commit('words: floor', { 'src/textkit/words.py': BROKEN_WORDS_SOURCE });
      const narrowed = project
        .read('pyproject.toml')
        .replace('testpaths = ["tests"]', 'testpaths = ["tests"]\naddopts = "-k \'not reading_minutes\'"');
      const skipsTests = diffOf(project, { 'pyproject.toml': narrowed });
      const fix = diffOf(project, {
        'src/textkit/words.py': project.read('src/textkit/words.py').replace('math.floor(', 'math.ceil('),
      });
      const report = await healWithModelAnswers(project, [skipsTests, fix]);
      const model = report.attempts.filter((attempt) => attempt.strategy === 'model');
      expect(model.map((attempt) => attempt.outcome)).toEqual(['rejected', 'accepted']);
      expect(model[0]?.reason).toContain(
        'changes how the tests run: [tool.pytest.ini_options] in pyproject.toml',
      );
      expect(report.outcome).toBe('healed');
    },
    SLOW,
  );
});
