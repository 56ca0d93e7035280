import { lstatSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '@healing/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitAll, sh, snapshotTree, trackedWorkspaces, writeFiles } from './dependency-fixtures.js';
import { createRepository, type GitRepository, git } from './git-fixture.js';

const created: Workspace[] = [];
const workspacesOf = trackedWorkspaces(created);

const manifest = (fields: Record<string, unknown>): string => `${JSON.stringify(fields, null, 2)}\n`;

/** packages/a imports packages/b and @fx/c through the package manager's workspace links, and ms from the registry. */
const MONOREPO_FILES = {
  '.gitignore': 'node_modules\n',
  'packages/a/index.js':
    "module.exports = () => [require('b')(), require('@fx/c')(), require('ms')(60000)].join(' | ');\n",
  'packages/b/index.js': "module.exports = () => 'b from the checkout';\n",
  'packages/c/index.js': "module.exports = () => 'c from the checkout';\n",
};

const repositories: GitRepository[] = [];
afterAll(async () => {
  for (const workspace of created.splice(0)) await workspace.dispose();
  for (const repository of repositories.splice(0)) await repository.cleanup();
});

async function monorepo(files: Record<string, string>, install: (dir: string) => void): Promise<string> {
  const repository = await createRepository();
  repositories.push(repository);
  await writeFiles(repository.dir, { ...MONOREPO_FILES, ...files });
  install(repository.dir);
  commitAll(repository.dir, 'monorepo');
  await writeFiles(repository.dir, { 'README.md': '# a later commit\n' });
  commitAll(repository.dir, 'docs');
  return repository.dir;
}

/** The workspace's b, edited there, is what its a imports; the checkout's a still gets the checkout's b. */
async function expectWorkspacePackagesImported(checkout: string): Promise<void> {
  const before = snapshotTree(checkout);
  const provider = workspacesOf({ repoDir: checkout });
  const workspace = await provider.create({ revision: 'HEAD~1' });
  const dir = workspace.dir ?? '';
  await workspace.storage.write('packages/b/index.js', "module.exports = () => 'b from the workspace';\n");
  await workspace.storage.write('packages/c/index.js', "module.exports = () => 'c from the workspace';\n");
  const ran = await workspace.execution.run({
    command: ['node', '-e', "console.log(require('./packages/a')())"],
  });
  expect(ran.stderr).toBe('');
  expect(ran.stdout.trim()).toBe('b from the workspace | c from the workspace | 1m');
  const setup = await workspace.prepare?.();
  expect(setup?.mode).toBe('linked');
  // A real directory of links, so its workspace links can resolve inside the workspace.
  expect(lstatSync(join(dir, 'node_modules')).isDirectory()).toBe(true);
  const inCheckout = sh(checkout, 'node', ['-e', "console.log(require('./packages/a')())"]);
  expect(inCheckout.trim()).toBe('b from the checkout | c from the checkout | 1m');
  await workspace.dispose();
  // .git changes (the worktree list); nothing else may.
  const outsideGit = (lines: string[]) => lines.filter((line) => !/^\w \/\.git[ /]/.test(line));
  expect(outsideGit(snapshotTree(checkout))).toEqual(outsideGit(before));
  expect(git(checkout, 'status', '--porcelain')).toBe('');
}

describe('worktree workspaces on monorepos (slow: real installs)', { tags: ['slow'] }, () => {
  let npmCheckout: string;
  let pnpmCheckout: string;
  beforeAll(async () => {
    const packages = {
      'packages/a/package.json': manifest({
        name: 'a',
        version: '1.0.0',
        dependencies: { b: '1.0.0', '@fx/c': '1.0.0', ms: '2.1.3' },
      }),
      'packages/b/package.json': manifest({ name: 'b', version: '1.0.0' }),
      'packages/c/package.json': manifest({ name: '@fx/c', version: '1.0.0' }),
    };
    npmCheckout = await monorepo(
      { ...packages, 'package.json': manifest({ name: 'root', private: true, workspaces: ['packages/*'] }) },
      (dir) => sh(dir, 'npm', ['install', '--no-audit', '--no-fund']),
    );
    pnpmCheckout = await monorepo(
      {
        ...packages,
        'packages/a/package.json': manifest({
          name: 'a',
          version: '1.0.0',
          dependencies: { b: 'workspace:*', '@fx/c': 'workspace:*', ms: '2.1.3' },
        }),
        'package.json': manifest({ name: 'root', private: true }),
        'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
      },
      (dir) => sh(dir, 'npx', ['--yes', 'pnpm@12', 'install', '--no-frozen-lockfile']),
    );
  }, 300_000);

  it('npm workspaces: node_modules/b links to the workspace package, so a imports the workspace b', async () => {
    expect(readlinkSync(join(npmCheckout, 'node_modules', 'b'))).toBe('../packages/b');
    await expectWorkspacePackagesImported(npmCheckout);
  });

  it("pnpm: per-package node_modules and .pnpm links resolve, workspace: links reach the workspace's packages", async () => {
    expect(lstatSync(join(pnpmCheckout, 'node_modules', '.pnpm')).isDirectory()).toBe(true);
    expect(readlinkSync(join(pnpmCheckout, 'packages', 'a', 'node_modules', 'b'))).toBe('../../b');
    await expectWorkspacePackagesImported(pnpmCheckout);
  });
});
