import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { linkNodeModules } from './link-node-modules.js';
import { createRootRewriter } from './root-rewriter.js';

let root = '';
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

/** <root>/checkout/node_modules with every kind of entry a package manager leaves. */
async function checkoutWithNodeModules(): Promise<{ checkout: string; workspace: string }> {
  root = await mkdtemp(join(tmpdir(), 'healing-link-'));
  const checkout = join(root, 'checkout');
  const nodeModules = join(checkout, 'node_modules');
  await mkdir(join(nodeModules, 'pkg'), { recursive: true });
  await mkdir(join(nodeModules, '@scope'), { recursive: true });
  await mkdir(join(nodeModules, '.bin'), { recursive: true });
  await mkdir(join(nodeModules, '.cache', 'babel'), { recursive: true });
  await mkdir(join(nodeModules, '.vite'), { recursive: true });
  await writeFile(join(nodeModules, '.package-lock.json'), '{}');
  await symlink('../packages/b', join(nodeModules, 'b'));
  await symlink(join(checkout, 'packages', 'c'), join(nodeModules, 'c-absolute'));
  await symlink('../../outside/lib', join(nodeModules, 'outside-relative'));
  await symlink('/usr/lib', join(nodeModules, 'system'));
  await symlink('../../packages/d', join(nodeModules, '@scope', 'd'));
  await symlink('../pkg/cli.js', join(nodeModules, '.bin', 'pkg'));
  await writeFile(
    join(nodeModules, '.bin', 'shim'),
    `#!/bin/sh\nexport NODE_PATH="${nodeModules}/.pnpm/node_modules"\nexec node "$basedir/../pkg/cli.js"\n`,
    { mode: 0o755 },
  );
  const workspace = join(root, 'workspace');
  await mkdir(workspace);
  return { checkout, workspace };
}

describe('linkNodeModules', () => {
  it('links packages, re-points project links at the workspace, rebuilds .bin and @scope, leaves caches out', async () => {
    const { checkout, workspace } = await checkoutWithNodeModules();
    const target = join(workspace, 'node_modules');
    const rewriter = createRootRewriter([checkout], workspace);
    await linkNodeModules(join(checkout, 'node_modules'), target, {
      sourceRoot: checkout,
      installRoot: checkout,
      rewriter,
    });
    expect(readdirSync(target).sort()).toEqual([
      '.bin',
      '.package-lock.json',
      '@scope',
      'b',
      'c-absolute',
      'outside-relative',
      'pkg',
      'system',
    ]);
    expect(readlinkSync(join(target, 'pkg'))).toBe(join(checkout, 'node_modules', 'pkg'));
    expect(readlinkSync(join(target, '.package-lock.json'))).toBe(
      join(checkout, 'node_modules', '.package-lock.json'),
    );
    expect(readlinkSync(join(target, 'b'))).toBe('../packages/b');
    expect(readlinkSync(join(target, 'c-absolute'))).toBe(join(workspace, 'packages', 'c'));
    expect(readlinkSync(join(target, 'outside-relative'))).toBe(join(root, 'outside', 'lib'));
    expect(readlinkSync(join(target, 'system'))).toBe('/usr/lib');
    expect(lstatSync(join(target, '@scope')).isDirectory()).toBe(true);
    expect(readlinkSync(join(target, '@scope', 'd'))).toBe('../../packages/d');
    expect(lstatSync(join(target, '.bin')).isDirectory()).toBe(true);
    expect(readlinkSync(join(target, '.bin', 'pkg'))).toBe('../pkg/cli.js');
    const shim = join(target, '.bin', 'shim');
    expect(lstatSync(shim).isFile()).toBe(true);
    expect(lstatSync(shim).mode & 0o777).toBe(0o755);
    expect(readFileSync(shim, 'utf8')).toContain(`NODE_PATH="${target}/.pnpm/node_modules"`);
  });

  it('from a cache entry, resolves relative links from where they were installed', async () => {
    const { checkout: tree, workspace } = await checkoutWithNodeModules();
    const installedAt = join(root, 'gone', 'old-workspace');
    const rewriter = createRootRewriter([installedAt, tree], workspace);
    await linkNodeModules(join(tree, 'node_modules'), join(workspace, 'node_modules'), {
      sourceRoot: tree,
      installRoot: installedAt,
      rewriter,
    });
    // ../../outside/lib from <root>/gone/old-workspace/node_modules is <root>/gone/outside/lib.
    expect(readlinkSync(join(workspace, 'node_modules', 'outside-relative'))).toBe(
      join(root, 'gone', 'outside', 'lib'),
    );
    expect(readlinkSync(join(workspace, 'node_modules', 'b'))).toBe('../packages/b');
    expect(readlinkSync(join(workspace, 'node_modules', 'pkg'))).toBe(join(tree, 'node_modules', 'pkg'));
  });
});
