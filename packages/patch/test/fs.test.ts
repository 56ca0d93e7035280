import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { isHealingError } from '@healing/adapters';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPatch } from '../src/apply-patch.js';
import { createDirectoryView } from '../src/fs/directory-view.js';
import { readTree } from '../src/fs/read-tree.js';
import { writeChanges } from '../src/fs/write-changes.js';
import { removeTemps, tempDir } from './support/git.js';

afterAll(removeTemps);

function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath, entry.name);
    const path = full.slice(root.length + 1);
    if (entry.isSymbolicLink()) out[path] = `link:${readlinkSync(full)}`;
    else if (entry.isFile()) out[path] = readFileSync(full, 'utf8');
    else out[path] = 'dir';
  }
  return out;
}

describe('createDirectoryView', () => {
  it('reads files with their mode, links as targets, and nothing beyond a link', async () => {
    const root = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    writeFileSync(join(root, 'a.txt'), 'a');
    writeFileSync(join(root, 'run.sh'), '#!/bin/sh\n');
    chmodSync(join(root, 'run.sh'), 0o755);
    mkdirSync(join(root, 'dir'));
    symlinkSync(outside, join(root, 'out'));
    const view = createDirectoryView(root);
    expect(await view.read('a.txt')).toEqual({ content: Buffer.from('a'), mode: '100644' });
    expect((await view.read('run.sh'))?.mode).toBe('100755');
    expect(await view.read('out')).toEqual({ content: Buffer.from(outside), mode: '120000' });
    expect(await view.read('out/secret.txt')).toBeNull();
    expect(await view.read('dir')).toBeNull();
    expect(await view.read('missing/x')).toBeNull();
    await expect(view.read('../x')).rejects.toSatisfy((error: unknown) =>
      isHealingError(error, 'UNSAFE_PATH'),
    );
  });
});

describe('writeChanges', () => {
  it('writes, deletes, swaps a file for a directory and prunes emptied directories', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'gone'));
    writeFileSync(join(root, 'gone/only.txt'), 'x');
    writeFileSync(join(root, 'swap'), 'file');
    await writeChanges(root, [
      { kind: 'delete', path: 'swap' },
      { kind: 'delete', path: 'gone/only.txt' },
      { kind: 'write', path: 'swap/inner.txt', content: Buffer.from('in'), mode: '100644' },
      { kind: 'write', path: 'gone', content: Buffer.from('now a file'), mode: '100755' },
      { kind: 'write', path: 'l', content: Buffer.from('swap/inner.txt'), mode: '120000' },
    ]);
    expect(snapshot(root)).toEqual({
      gone: 'now a file',
      swap: 'dir',
      'swap/inner.txt': 'in',
      l: 'link:swap/inner.txt',
    });
  });

  it('puts everything back when a write fails halfway', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'a.txt'), 'original a');
    writeFileSync(join(root, 'b.txt'), 'original b');
    writeFileSync(join(root, 'f'), 'a file where a directory is needed');
    const before = snapshot(root);
    const error = await writeChanges(root, [
      { kind: 'delete', path: 'b.txt' },
      { kind: 'write', path: 'a.txt', content: Buffer.from('new a'), mode: '100644' },
      { kind: 'write', path: 'f/x.txt', content: Buffer.from('x'), mode: '100644' },
    ]).catch((caught: unknown) => caught);
    expect(isHealingError(error, 'PATCH_CONFLICT')).toBe(true);
    expect(snapshot(root)).toEqual(before);
  });

  it('moves renamed files instead of rewriting them, and undoes the move when a later write fails', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'old'));
    writeFileSync(join(root, 'old/a.txt'), 'same bytes');
    writeFileSync(join(root, 'f'), 'a file where a directory is needed');
    const before = snapshot(root);
    const rename = [
      { kind: 'delete', path: 'old/a.txt' },
      {
        kind: 'write',
        path: 'new/a.txt',
        content: Buffer.from('same bytes'),
        mode: '100644',
        renamedFrom: 'old/a.txt',
      },
    ] as const;
    const failed = await writeChanges(root, [
      ...rename,
      { kind: 'write', path: 'f/x.txt', content: Buffer.from('x'), mode: '100644' },
    ]).catch((caught: unknown) => caught);
    expect(isHealingError(failed, 'PATCH_CONFLICT')).toBe(true);
    expect(snapshot(root)).toEqual(before);
    await writeChanges(root, rename);
    expect(snapshot(root)).toEqual({
      f: 'a file where a directory is needed',
      new: 'dir',
      'new/a.txt': 'same bytes',
    });
  });

  it('moves a renamed file out before a directory takes its name, whatever the path order', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'README.md'), 'readme');
    await writeChanges(root, [
      { kind: 'delete', path: 'README.md' },
      { kind: 'write', path: 'README.md/inner.txt', content: Buffer.from('inner'), mode: '100644' },
      {
        kind: 'write',
        path: 'copy-of-README.md',
        content: Buffer.from('readme'),
        mode: '100644',
        renamedFrom: 'README.md',
      },
    ]);
    expect(snapshot(root)).toEqual({
      'README.md': 'dir',
      'README.md/inner.txt': 'inner',
      'copy-of-README.md': 'readme',
    });
  });

  it('refuses to replace a directory that keeps files, before writing anything', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'd'));
    writeFileSync(join(root, 'd/keep.txt'), 'keep');
    writeFileSync(join(root, 'a.txt'), 'a');
    const before = snapshot(root);
    const error = await writeChanges(root, [
      { kind: 'write', path: 'a.txt', content: Buffer.from('changed'), mode: '100644' },
      { kind: 'write', path: 'd', content: Buffer.from('file'), mode: '100644' },
    ]).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('d is a directory holding d/keep.txt');
    expect(snapshot(root)).toEqual(before);
  });

  it('applies a patch end to end on disk and reads the tree back', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'a.txt'), 'one\ntwo\n');
    const patch =
      'diff --git a/a.txt b/b.txt\nsimilarity index 50%\nrename from a.txt\nrename to b.txt\n--- a/a.txt\n+++ b/b.txt\n@@ -1,2 +1,2 @@\n one\n-two\n+2\n';
    const { changes } = await applyPatch(patch, createDirectoryView(root));
    await writeChanges(root, changes);
    expect(existsSync(join(root, 'a.txt'))).toBe(false);
    const tree = await readTree(root);
    expect([...tree.keys()]).toEqual(['b.txt']);
    expect(Buffer.from(tree.get('b.txt')?.content ?? []).toString()).toBe('one\n2\n');
  });
});
