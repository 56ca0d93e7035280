import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const heal = fileURLToPath(new URL('../bin/heal.js', import.meta.url));
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

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heal-run-cli-'));
  temps.push(dir);
  return dir;
}

function git(cwd: string, args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV }).toString().trim();
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

function commit(root: string, files: Record<string, string>, message: string): string {
  write(root, files);
  git(root, ['add', '-A']);
  git(root, ['commit', '-q', '-m', message]);
  return git(root, ['rev-parse', 'HEAD']);
}

interface HealResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runHeal(cwd: string, args: string[]): Promise<HealResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [heal, ...args],
      { cwd, env: { ...GIT_ENV, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const testFile = (expected: number): string =>
  `import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { add } from '../src/add.js';\n\ntest('adds', () => {\n  assert.equal(add(2, 3), ${expected});\n});\n`;

/** A repository whose heal config runs node's test runner with a JUnit report outside the tree. */
function repository(options: { addBody: string }): { dir: string; shas: string[] } {
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

describe('heal run (built binary)', () => {
  it('says green and exits 0 when the tests pass', async () => {
    const { dir } = repository({ addBody: 'a + b' });
    const result = await runHeal(dir, ['run']);
    expect(result.stdout).toContain('green: all 1 tests pass');
    expect(result.code).toBe(0);
  }, 60_000);

  it('heals a regression on a branch and leaves the user branch and working tree alone', async () => {
    const { dir, shas } = repository({ addBody: 'a - b' });
    const head = git(dir, ['rev-parse', 'HEAD']);
    const result = await runHeal(dir, ['run', '--base', shas[0] ?? '']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('healed');
    expect(result.stdout).toContain('break add');
    const branch = /branch: (heal\/\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(branch).toMatch(/^heal\//);
    expect(git(dir, ['rev-parse', 'HEAD'])).toBe(head);
    expect(git(dir, ['symbolic-ref', '--short', 'HEAD'])).toBe('main');
    expect(git(dir, ['status', '--porcelain'])).toBe('');
    expect(git(dir, ['show', `${branch}:src/add.js`])).toBe('export const add = (a, b) => a + b;');
    expect(git(dir, ['rev-parse', `${branch}^`])).toBe(head);

    const again = await runHeal(dir, ['run', '--base', shas[0] ?? '', '--json']);
    const last = JSON.parse(again.stdout.trim().split('\n').at(-1) ?? '{}') as {
      result?: { outcome?: string };
    };
    expect(last.result?.outcome).toBe('duplicate');
    expect(git(dir, ['branch', '--list', 'heal/*']).split('\n')).toHaveLength(1);
  }, 120_000);

  it('ends "not healed" with exit 1 when nothing can fix the failure', async () => {
    const { dir } = repository({ addBody: 'a - b' });
    const result = await runHeal(dir, ['run', '--strategies', 'flaky', '--json']);
    expect(result.code).toBe(1);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; result?: { outcome: string } });
    expect(lines.map((line) => line.event)).toContain('failure-observed');
    expect(lines.at(-1)?.result?.outcome).toBe('not-healed');
  }, 60_000);

  it('refuses bad input with exit 2 and a message that says what to do', async () => {
    const { dir } = repository({ addBody: 'a + b' });
    const unknownFlag = await runHeal(dir, ['run', '--frobnicate']);
    expect(unknownFlag.code).toBe(2);
    expect(unknownFlag.stderr).toContain('--frobnicate');
    expect(unknownFlag.stderr).toContain('heal run --help');

    const badStrategy = await runHeal(dir, ['run', '--strategies', 'flaky,magic']);
    expect(badStrategy.code).toBe(2);
    expect(badStrategy.stderr).toContain('allowed values: flaky, regression, autofix, model');

    write(dir, { 'heal.config.json': '{ "test": { "command": "x" }, "strategies": { "flakey": {} } }' });
    const badConfig = await runHeal(dir, ['run']);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('heal.config.json');
    expect(badConfig.stderr).toContain('unknown key "flakey"');

    const notRepository = await runHeal(temp(), ['run']);
    expect(notRepository.code).toBe(2);
    expect(notRepository.stderr).toContain('not inside a git repository');

    const bare = temp();
    git(bare, ['init', '-q']);
    const noTests = await runHeal(bare, ['run']);
    expect(noTests.code).toBe(2);
    expect(noTests.stderr).toContain('no test command found');
  }, 60_000);
});
