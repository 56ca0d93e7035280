import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linkDependencyDirs } from './link-dependency-dirs.js';
import { createRootRewriter } from './root-rewriter.js';

let root = '';
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('linkDependencyDirs', () => {
  it('skips packages the revision lacks, tracked files in the way, and parents that lead outside the workspace', async () => {
    root = await mkdtemp(join(tmpdir(), 'healing-link-dirs-'));
    const checkout = join(root, 'checkout');
    const workspace = join(root, 'workspace');
    const outside = join(root, 'outside');
    for (const path of [
      'node_modules/x',
      'packages/a/node_modules/y',
      'packages/gone/node_modules/z',
      'packages/file/node_modules/w',
    ])
      await mkdir(join(checkout, path), { recursive: true });
    await mkdir(join(workspace, 'packages', 'file'), { recursive: true });
    await writeFile(join(workspace, 'packages', 'file', 'node_modules'), 'tracked in this revision');
    await mkdir(outside);
    await symlink(outside, join(workspace, 'packages', 'a')); // a tracked symlink in this revision
    const linked = await linkDependencyDirs(
      [
        'node_modules',
        'packages/a/node_modules',
        'packages/gone/node_modules',
        'packages/file/node_modules',
      ].map((path) => ({ path, kind: 'node_modules' as const })),
      { sourceRoot: checkout, installRoot: checkout, rewriter: createRootRewriter([checkout], workspace) },
      workspace,
    );
    expect(linked.map((dir) => dir.path)).toEqual(['node_modules']);
    expect(lstatSync(join(workspace, 'node_modules', 'x')).isSymbolicLink()).toBe(true);
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(join(workspace, 'packages', 'gone'))).toBe(false);
    expect(lstatSync(join(workspace, 'packages', 'file', 'node_modules')).isFile()).toBe(true);
  });
});
