import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { actionsWorkflowTemplate } from '@healing/github';

const GIT_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.invalid',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

const git = (dir: string, args: string[]): string =>
  execFileSync('git', args, { cwd: dir, env: GIT_ENV }).toString().trim();

function commit(dir: string, files: Record<string, string>, message: string): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', message]);
  return git(dir, ['rev-parse', 'HEAD']);
}

/**
 * A repository whose last commit breaks `add`: heal.config.json runs node's test runner with a
 * JUnit report in the runner's checkout, and the heal-run workflow is installed.
 */
export async function regressionRepository(
  extraFiles: Record<string, string> = {},
): Promise<{ dir: string; headSha: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'heal-worker-repo-'));
  git(dir, ['init', '-q', '-b', 'main']);
  const config = {
    test: {
      command: ['node', '--test', '--test-reporter=junit', '--test-reporter-destination=report.xml'],
      report: { format: 'junit', path: 'report.xml' },
    },
    validation: { repeat: 1 },
    strategies: { flaky: { reruns: 1 } },
  };
  commit(
    dir,
    {
      'package.json': '{ "type": "module" }\n',
      'heal.config.json': `${JSON.stringify(config, null, 2)}\n`,
      '.github/workflows/heal-run.yml': await actionsWorkflowTemplate(),
      '.gitignore': 'report.xml\n',
      ...extraFiles,
      'src/add.js': 'export const add = (a, b) => a + b;\n',
      'test/add.test.js':
        "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { add } from '../src/add.js';\n\ntest('adds', () => {\n  assert.equal(add(2, 3), 5);\n});\n",
    },
    'add',
  );
  commit(dir, { 'README.md': 'notes\n' }, 'docs');
  const headSha = commit(dir, { 'src/add.js': 'export const add = (a, b) => a - b;\n' }, 'Rewrite add');
  return { dir, headSha };
}

export function failedRunPayload(options: { runId: number; headSha: string; repository: string }): string {
  return JSON.stringify({
    action: 'completed',
    workflow_run: {
      id: options.runId,
      name: 'CI',
      head_branch: 'main',
      head_sha: options.headSha,
      run_attempt: 1,
      conclusion: 'failure',
      html_url: `https://github.com/${options.repository}/actions/runs/${options.runId}`,
      head_repository: { full_name: options.repository },
    },
    repository: { full_name: options.repository, default_branch: 'main' },
  });
}
