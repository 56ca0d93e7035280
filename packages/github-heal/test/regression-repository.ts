import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { actionsWorkflowTemplate, detectActionsToolchain } from '@healing/github';

/**
 * A git repository whose last commit ("Rewrite add") breaks a test, with heal.config.json (or
 * only a package.json test script) and the heal-run workflow installed: the simulator seeds from it.
 */
export async function regressionRepository(
  options: { withConfig?: boolean; testScript?: string } = {},
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'heal-github-heal-'));
  const git = (args: string[]): void => {
    execFileSync('git', args, {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GIT_AUTHOR_NAME: 'Dev',
        GIT_AUTHOR_EMAIL: 'dev@example.invalid',
        GIT_COMMITTER_NAME: 'Dev',
        GIT_COMMITTER_EMAIL: 'dev@example.invalid',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
      },
    });
  };
  const commit = (files: Record<string, string>, message: string): void => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    git(['add', '-A']);
    git(['commit', '-q', '-m', message]);
  };
  git(['init', '-q', '-b', 'main']);
  const config = {
    test: {
      command: ['node', '--test', '--test-reporter=junit', '--test-reporter-destination=report.xml'],
      report: { format: 'junit', path: 'report.xml' },
    },
    validation: { repeat: 1 },
    strategies: { flaky: { reruns: 1 } },
  };
  commit(
    {
      'package.json': `${JSON.stringify({ type: 'module', ...(options.testScript ? { scripts: { test: options.testScript } } : {}) })}\n`,
      ...(options.withConfig === false ? {} : { 'heal.config.json': `${JSON.stringify(config, null, 2)}\n` }),
      // As installActionsWorkflow writes it for these files: Node.js, no lockfile, so no cache.
      '.github/workflows/heal-run.yml': await actionsWorkflowTemplate(
        await detectActionsToolchain(async (path) => (path === 'package.json' ? '{}' : null)),
      ),
      '.gitignore': 'report.xml\n',
      'src/add.js': 'export const add = (a, b) => a + b;\n',
      'test/add.test.js':
        "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { add } from '../src/add.js';\n\ntest('adds', () => {\n  assert.equal(add(2, 3), 5);\n});\n",
    },
    'add',
  );
  commit({ 'src/add.js': 'export const add = (a, b) => a - b;\n' }, 'Rewrite add');
  return dir;
}
