import { lstat, mkdir, mkdtemp, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHealingError } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { createCliGit } from '../src/git/cli-git.js';
import { createRepository, type GitRepository, git } from './git-fixture.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function repository(): Promise<GitRepository> {
  const created = await createRepository();
  cleanups.push(created.cleanup);
  return created;
}

describe('applyPatch on the working tree', () => {
  it('refuses to write through a symlinked directory that leads outside, and writes nothing', async () => {
    const { dir } = await repository();
    const outside = await mkdtemp(join(tmpdir(), 'healing-outside-'));
    cleanups.push(() => rm(outside, { recursive: true, force: true }));
    await symlink(outside, join(dir, 'escape'));
    const patch = [
      'diff --git a/aaa.txt b/aaa.txt',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/aaa.txt',
      '@@ -0,0 +1 @@',
      '+inside',
      'diff --git a/escape/pwned.txt b/escape/pwned.txt',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/escape/pwned.txt',
      '@@ -0,0 +1 @@',
      '+owned',
      '',
    ].join('\n');
    const error = await createCliGit({ dir })
      .applyPatch(patch)
      .catch((caught: unknown) => caught);
    expect(isHealingError(error, 'UNSAFE_PATH')).toBe(true);
    await expect(lstat(join(outside, 'pwned.txt'))).rejects.toThrow();
    await expect(lstat(join(dir, 'aaa.txt'))).rejects.toThrow();
  });

  it('does not read through a symlinked directory either', async () => {
    const { dir } = await repository();
    const outside = await mkdtemp(join(tmpdir(), 'healing-outside-'));
    cleanups.push(() => rm(outside, { recursive: true, force: true }));
    await writeFile(join(outside, 'secret.txt'), 'outside\n');
    await symlink(outside, join(dir, 'escape'));
    const patch = [
      'diff --git a/escape/secret.txt b/escape/secret.txt',
      '--- a/escape/secret.txt',
      '+++ b/escape/secret.txt',
      '@@ -1 +1 @@',
      '-outside',
      '+changed',
      '',
    ].join('\n');
    const error = await createCliGit({ dir })
      .applyPatch(patch, { check: true })
      .catch((caught: unknown) => caught);
    expect(isHealingError(error, 'UNSAFE_PATH')).toBe(true);
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('outside\n');
  });

  it('writes binary content, the executable bit and symlinks exactly as git apply would', async () => {
    const { dir } = await repository();
    const source = await repository();
    // Build the patch with the git CLI (the oracle) in another repository.
    await mkdir(join(source.dir, 'bin'));
    await writeFile(join(source.dir, 'bin/tool'), '#!/bin/sh\necho tool\n', { mode: 0o755 });
    await writeFile(join(source.dir, 'data.bin'), Buffer.from([0, 1, 2, 255, 254, 0, 10]));
    await symlink('bin/tool', join(source.dir, 'tool-link'));
    git(source.dir, 'add', '-A');
    const patch = git(source.dir, 'diff', '--cached', '--binary');
    const { changes } = await createCliGit({ dir }).applyPatch(patch);
    expect(changes.map((change) => change.path).sort()).toEqual(['bin/tool', 'data.bin', 'tool-link']);
    expect((await lstat(join(dir, 'bin/tool'))).mode & 0o111).not.toBe(0);
    expect([...(await readFile(join(dir, 'data.bin')))]).toEqual([0, 1, 2, 255, 254, 0, 10]);
    expect(await readlink(join(dir, 'tool-link'))).toBe('bin/tool');
    git(dir, 'add', '-A');
    expect(git(dir, 'write-tree')).toBe(git(source.dir, 'write-tree'));
  });
});
