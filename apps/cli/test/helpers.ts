import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const heal = fileURLToPath(new URL('../bin/heal.js', import.meta.url));
const GIT_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: tmpdir(),
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.invalid',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

export function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heal-run-cli-'));
  temps.push(dir);
  return dir;
}

export function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV }).toString().trim();
}

export function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

export function commit(root: string, files: Record<string, string>, message: string): string {
  write(root, files);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', message]);
  return git(root, ['rev-parse', 'HEAD']);
}

export interface HealResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runHeal(cwd: string, args: string[], env: Record<string, string> = {}): Promise<HealResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [heal, ...args],
      { cwd, env: { ...GIT_ENV, NO_COLOR: '1', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const testFile = (expected: number): string =>
  `import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { add } from '../src/add.js';\n\ntest('adds', () => {\n  assert.equal(add(2, 3), ${expected});\n});\n`;

/** A repository whose heal config runs node's test runner with a JUnit report outside the tree. */
export function repository(options: { addBody: string }): { dir: string; shas: string[] } {
  const dir = temp();
  const report = join(temp(), 'report.xml');
  git(dir, ['init', '-q', '-b', 'main']);
  const config = {
    test: {
      command: [process.execPath, '--test', '--test-reporter=junit', `--test-reporter-destination=${report}`],
      report: { format: 'junit', path: report },
    },
  };
  const first = commit(
    dir,
    {
      'package.json': '{ "type": "module" }\n',
      'heal.config.json': `${JSON.stringify(config, null, 2)}\n`,
      'src/add.js': 'export const add = (a, b) => a + b;\n',
      'test/add.test.js': testFile(5),
      'README.md': 'notes\n',
    },
    'first',
  );
  const shas = [first];
  shas.push(commit(dir, { 'README.md': 'notes\nmore\n' }, 'docs'));
  if (options.addBody !== 'a + b')
    shas.push(
      commit(dir, { 'src/add.js': `export const add = (a, b) => ${options.addBody};\n` }, 'break add'),
    );
  shas.push(commit(dir, { 'README.md': 'notes\nmore\nand more\n' }, 'more docs'));
  return { dir, shas };
}
