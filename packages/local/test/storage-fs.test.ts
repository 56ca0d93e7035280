import { execFileSync } from 'node:child_process';
import {
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HealingError, type StorageAdapter } from '@healing/adapters';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFsStorage } from '../src/index.js';

let base: string;
let root: string;
let outside: string;
let storage: StorageAdapter;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'healing-fs-'));
  root = join(base, 'repo');
  outside = join(base, 'outside');
  await mkdir(root);
  await mkdir(outside);
  storage = createFsStorage({ root });
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HealingError) return error.code;
    throw error;
  }
  return 'resolved';
}

describe('fs storage on disk', () => {
  it('writes real files whose version equals `git hash-object`', async () => {
    const { version } = await storage.write('src/a.ts', 'export const a = 1;\n');
    expect(await readFile(join(root, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n');
    const oracle = execFileSync('git', ['hash-object', join(root, 'src/a.ts')], { encoding: 'utf8' }).trim();
    expect(version).toBe(oracle);
  });

  it('stores modes as permission bits and links as links', async () => {
    await storage.write('bin/run', '#!/bin/sh\n', { mode: '100755' });
    await storage.write('bin/plain', 'x');
    await storage.write('bin/link', 'run', { mode: '120000' });
    expect((await stat(join(root, 'bin/run'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(root, 'bin/plain'))).mode & 0o777).toBe(0o644);
    expect((await lstat(join(root, 'bin/link'))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(root, 'bin/link'))).toBe('run');
    const entries = await storage.list('bin');
    expect(entries.map(({ path, mode, size }) => [path, mode, size])).toEqual([
      ['bin/link', '120000', 3],
      ['bin/plain', '100644', 1],
      ['bin/run', '100755', 10],
    ]);
  });

  it('reads files written by others, and a link without following it', async () => {
    await writeFile(join(outside, 'secret.txt'), 'secret');
    await symlink(join(outside, 'secret.txt'), join(root, 'pointer'));
    const link = await storage.read('pointer');
    expect(link?.mode).toBe('120000');
    expect(Buffer.from(link?.content ?? []).toString()).toBe(join(outside, 'secret.txt'));
  });

  it('list skips .git/ and leaves no temporary files behind', async () => {
    await mkdir(join(root, '.git/objects'), { recursive: true });
    await writeFile(join(root, '.git/HEAD'), 'ref: refs/heads/main\n');
    await Promise.all(Array.from({ length: 20 }, (_, index) => storage.write('dir/f.txt', `v${index}`)));
    expect((await storage.list()).map((entry) => entry.path)).toEqual(['dir/f.txt']);
    expect(await readdir(join(root, 'dir'))).toEqual(['f.txt']);
  });

  it('list of a file path gives that file, and of a missing path nothing', async () => {
    await storage.write('a/b.txt', 'b');
    expect((await storage.list('a/b.txt')).map((entry) => entry.path)).toEqual(['a/b.txt']);
    expect(await storage.list('missing/dir')).toEqual([]);
  });

  it('refuses to write or read through a symlinked directory that points outside the root', async () => {
    await writeFile(join(outside, 'existing.txt'), 'outside');
    await symlink(outside, join(root, 'escape'));
    expect(await codeOf(storage.write('escape/pwned.txt', 'x'))).toBe('UNSAFE_PATH');
    expect(await codeOf(storage.write('escape/deeper/pwned.txt', 'x'))).toBe('UNSAFE_PATH');
    expect(await codeOf(storage.read('escape/existing.txt'))).toBe('UNSAFE_PATH');
    expect(await codeOf(storage.delete('escape/existing.txt'))).toBe('UNSAFE_PATH');
    expect(
      await codeOf(
        storage.commit(
          [{ kind: 'write', path: 'escape/c.txt', content: new Uint8Array([1]), mode: '100644' }],
          { message: 'escape' },
        ),
      ),
    ).toBe('UNSAFE_PATH');
    expect(await readdir(outside)).toEqual(['existing.txt']);
    expect(await readFile(join(outside, 'existing.txt'), 'utf8')).toBe('outside');
  });

  it('refuses a dangling symlinked directory, and allows one that stays inside', async () => {
    await symlink(join(base, 'nowhere'), join(root, 'dangling'));
    expect(await codeOf(storage.write('dangling/x.txt', 'x'))).toBe('UNSAFE_PATH');
    await mkdir(join(root, 'real'));
    await symlink('real', join(root, 'alias'));
    await storage.write('alias/x.txt', 'inside');
    expect(await readFile(join(root, 'real/x.txt'), 'utf8')).toBe('inside');
  });

  it('replacing a link writes the link itself, never its target', async () => {
    await writeFile(join(outside, 'target.txt'), 'untouched');
    await symlink(join(outside, 'target.txt'), join(root, 'link.txt'));
    await storage.write('link.txt', 'replaced', { mode: '100644' });
    expect(await readFile(join(outside, 'target.txt'), 'utf8')).toBe('untouched');
    expect((await lstat(join(root, 'link.txt'))).isFile()).toBe(true);
  });

  it('a delete removes directories left empty, as git would', async () => {
    await storage.write('a/b/c/d.txt', 'x');
    await storage.write('a/keep.txt', 'x');
    expect(await storage.delete('a/b/c/d.txt')).toBe(true);
    expect(await readdir(join(root, 'a'))).toEqual(['keep.txt']);
  });

  it('a write under a file, or over a directory, is a typed error', async () => {
    await storage.write('file.txt', 'x');
    await storage.write('dir/inner.txt', 'x');
    expect(await codeOf(storage.write('file.txt/child', 'x'))).toBe('INVALID_INPUT');
    expect(await codeOf(storage.write('dir', 'x'))).toBe('INVALID_INPUT');
    expect(await readFile(join(root, 'file.txt'), 'utf8')).toBe('x');
  });

  it('a missing root is NOT_FOUND naming it, and a missing option is CONFIG_INVALID', async () => {
    const missing = createFsStorage({ root: join(base, 'absent') });
    await expect(missing.read('a.txt')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(missing.read('a.txt')).rejects.toThrow(join(base, 'absent'));
    expect(() => createFsStorage({ root: '' })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('a commit writes every file and its versions match git', async () => {
    const result = await storage.commit(
      [
        { kind: 'write', path: 'x/one.txt', content: Buffer.from('one\n'), mode: '100644' },
        { kind: 'write', path: 'x/two.sh', content: Buffer.from('two\n'), mode: '100755' },
      ],
      { message: 'two files' },
    );
    const oracle = execFileSync('git', ['hash-object', join(root, 'x/one.txt'), join(root, 'x/two.sh')], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    expect([result.versions['x/one.txt'], result.versions['x/two.sh']]).toEqual(oracle);
    expect((await stat(join(root, 'x/two.sh'))).mode & 0o111).not.toBe(0);
  });
});
