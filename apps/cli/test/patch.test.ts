import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const heal = fileURLToPath(new URL('../bin/heal.js', import.meta.url));
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'h',
  GIT_AUTHOR_EMAIL: 'h@example.invalid',
  GIT_COMMITTER_NAME: 'h',
  GIT_COMMITTER_EMAIL: 'h@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'heal-patch-cli-'));
  temps.push(dir);
  return dir;
}

function git(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', ['-c', 'core.autocrlf=false', ...args], { cwd, env: GIT_ENV, input }).toString();
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** A repository with `files` committed; the tree id of its HEAD lets tests see any change. */
function repo(files: Record<string, string>): string {
  const root = temp();
  git(root, ['init', '-q']);
  write(root, files);
  git(root, ['add', '-A']);
  git(root, ['commit', '-qm', 'base']);
  return root;
}

function treeOf(root: string): string {
  git(root, ['add', '-A']);
  return git(root, ['write-tree']).trim();
}

function runHeal(
  args: string[],
  cwd: string,
  input?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [heal, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
}

const base = { 'a.txt': 'one\ntwo\nthree\nfour\nfive\n', 'dir/b.txt': 'x\ny\nz\n' };
const editA =
  'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n';
const staleB =
  'diff --git a/dir/b.txt b/dir/b.txt\n--- a/dir/b.txt\n+++ b/dir/b.txt\n@@ -1,3 +1,3 @@\n x\n-nope\n+q\n z\n';

// Each test starts Node and git several times; a loaded machine needs more than vitest's 5 s.
describe('heal patch apply', { timeout: 60_000 }, () => {
  it('applies a patch file to the working tree and exits 0', async () => {
    const root = repo(base);
    writeFileSync(join(root, '..', `${root.split('/').pop()}.patch`), editA);
    const result = await runHeal(['patch', 'apply', `../${root.split('/').pop()}.patch`], root);
    expect(result).toMatchObject({ code: 0, stdout: 'patch applied to 1 file\n' });
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('one\nTWO\nthree\nfour\nfive\n');
  });

  it('reads the patch from standard input with -, checks with --check, reverses with -R', async () => {
    const root = repo(base);
    const clean = treeOf(root);
    const checked = await runHeal(['patch', 'apply', '--check', '-'], root, editA);
    expect(checked).toMatchObject({ code: 0, stdout: 'patch applies cleanly to 1 file\n' });
    expect(treeOf(root)).toBe(clean);
    expect((await runHeal(['patch', 'apply', '-'], root, editA)).code).toBe(0);
    expect(treeOf(root)).not.toBe(clean);
    expect((await runHeal(['patch', 'apply', '-R', '-'], root, editA)).code).toBe(0);
    expect(treeOf(root)).toBe(clean);
  });

  it('exits 1 naming the file and hunk, and leaves every file as it was', async () => {
    const root = repo(base);
    const clean = treeOf(root);
    const result = await runHeal(['patch', 'apply', '-'], root, editA + staleB);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('dir/b.txt hunk 1');
    expect(result.stderr).toContain('expected "nope" at line 2, found "y"');
    expect(result.stderr).toContain('nothing was changed');
    expect(treeOf(root)).toBe(clean);
    expect(git(root, ['status', '--porcelain'])).toBe('');
  });

  it('applies a patch with wrong hunk counts only with --recount', async () => {
    const root = repo(base);
    const miscounted = editA.replace('@@ -1,3 +1,3 @@', '@@ -1,7 +1,7 @@');
    expect((await runHeal(['patch', 'apply', '-'], root, miscounted)).code).toBe(1);
    expect((await runHeal(['patch', 'apply', '--recount', '-'], root, miscounted)).code).toBe(0);
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('one\nTWO\nthree\nfour\nfive\n');
  });

  it('refuses unsafe patches with exit 1 and writes nothing outside the tree', async () => {
    const root = repo(base);
    const escaping =
      'diff --git a/../escape.txt b/../escape.txt\nnew file mode 100644\n--- /dev/null\n+++ b/../escape.txt\n@@ -0,0 +1 @@\n+pwned\n';
    const result = await runHeal(['patch', 'apply', '-'], root, escaping);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('escapes the repository root');
    expect(existsSync(join(root, '..', 'escape.txt'))).toBe(false);
  });

  it('applies what git diff --binary -M writes: renames, binaries, links and modes', async () => {
    const root = repo({ ...base, 'bin/x.bin': '\0\u0001binary', 'run.sh': '#!/bin/sh\n' });
    mkdirSync(join(root, 'moved'));
    git(root, ['mv', 'a.txt', 'moved/a.txt']);
    writeFileSync(join(root, 'bin/x.bin'), '\0\u0002changed binary');
    chmodSync(join(root, 'run.sh'), 0o755);
    execFileSync('ln', ['-s', 'moved/a.txt', join(root, 'link')]);
    git(root, ['add', '-A']);
    git(root, ['commit', '-qm', 'next']);
    const patch = git(root, ['diff', '--binary', '-M', 'HEAD~1', 'HEAD']);
    const want = git(root, ['rev-parse', 'HEAD^{tree}']).trim();
    git(root, ['checkout', '-q', 'HEAD~1']);
    git(root, ['clean', '-qfdx']);
    const result = await runHeal(['patch', 'apply', '-'], root, patch);
    expect(result.code).toBe(0);
    expect(treeOf(root)).toBe(want);
  });

  it.each([
    [['patch', 'apply'], 'missing the patch file'],
    [['patch', 'apply', '--frobnicate', 'x.patch'], 'unknown option "--frobnicate"'],
    [['patch', 'apply', 'a.patch', 'b.patch'], 'exactly one patch file'],
    [['patch', 'apply', 'does-not-exist.patch'], 'cannot read does-not-exist.patch'],
    [['patch', 'rewrite'], 'unknown subcommand "rewrite"'],
  ])('exits 2 on usage errors: heal %j', async (args, message) => {
    const result = await runHeal(args, repo(base));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});

describe('heal patch create', { timeout: 60_000 }, () => {
  it('prints a patch between two directories that git apply turns into the second', async () => {
    const before = temp();
    const after = temp();
    write(before, { 'a.txt': 'one\ntwo\n', 'old name.txt': 'same\n', 'gone.txt': 'bye\n' });
    write(after, { 'a.txt': 'one\n2\n', 'new name.txt': 'same\n', 'ünï.txt': 'hi\n' });
    const result = await runHeal(['patch', 'create', before, after], temp());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('rename from old name.txt');
    const root = repo({ 'a.txt': 'one\ntwo\n', 'old name.txt': 'same\n', 'gone.txt': 'bye\n' });
    git(root, ['apply', '--index', '-'], result.stdout);
    const wanted = repo({ 'a.txt': 'one\n2\n', 'new name.txt': 'same\n', 'ünï.txt': 'hi\n' });
    expect(git(root, ['write-tree']).trim()).toBe(treeOf(wanted));
  });

  it('exits 2 when an argument is not a directory', async () => {
    const result = await runHeal(['patch', 'create', 'nope', 'nada'], temp());
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a directory');
  });
});
