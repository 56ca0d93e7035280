import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Workspace } from '@healing/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitAll,
  elapsed,
  sh,
  snapshotTree,
  trackedWorkspaces,
  writeFiles,
} from './dependency-fixtures.js';
import { createRepository, type GitRepository, git } from './git-fixture.js';

const created: Workspace[] = [];
const workspacesOf = trackedWorkspaces(created);

// An npm project with real dependencies from the registry, installed once; node_modules untracked.
let repository: GitRepository;
let checkout: string;
let greenCommit: string;
let installMs: number;

beforeAll(async () => {
  repository = await createRepository();
  checkout = repository.dir;
  await writeFiles(checkout, {
    '.gitignore': 'node_modules\n',
    'package.json': `${JSON.stringify({ name: 'fixture', private: true, scripts: { test: 'mocha' } }, null, 2)}\n`,
    'src/add.js': 'exports.add = (a, b) => a + b;\n',
    'test/add.spec.js':
      "const assert = require('node:assert');\nconst { add } = require('../src/add');\nit('adds', () => assert.equal(add(1, 2), 3));\n",
    'vitest.config.mjs': "export default { test: { include: ['vt/**/*.test.mjs'] } };\n",
    'vt/add.test.mjs':
      "import { expect, test } from 'vitest';\nimport { add } from '../src/add.js';\ntest('adds', () => expect(add(1, 2)).toBe(3));\n",
  });
  const started = performance.now();
  sh(checkout, 'npm', ['install', '--no-audit', '--no-fund', '--save-dev', 'mocha@10', 'vitest@3']);
  installMs = elapsed(started);
  // The user ran vitest here: the checkout has its own node_modules/.vite a workspace must not write.
  sh(checkout, 'npx', ['vitest', 'run']);
  greenCommit = commitAll(checkout, 'green');
  await writeFiles(checkout, { 'src/add.js': 'exports.add = (a, b) => a - b;\n' });
  commitAll(checkout, 'red: the culprit');
}, 300_000);

afterAll(async () => {
  for (const workspace of created.splice(0)) await workspace.dispose();
  await repository?.cleanup();
});

const checkoutState = () => ({
  nodeModules: snapshotTree(join(checkout, 'node_modules')),
  status: git(checkout, 'status', '--porcelain=v1', '--ignored'),
});

describe('worktree workspaces on an npm project (slow: real npm install)', { tags: ['slow'] }, () => {
  it('links the checkout node_modules into a workspace at an older commit; mocha and vitest run there and the checkout stays as it was', async () => {
    const before = checkoutState();
    const provider = workspacesOf({ repoDir: checkout });
    const workspace = await provider.create({ revision: greenCommit, label: 'bisect' });
    const dir = workspace.dir ?? '';
    // Nothing ran yet: nothing prepared.
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);

    const mocha = await workspace.execution.run({ command: ['npx', 'mocha'] });
    expect(mocha.exitCode, mocha.stdout + mocha.stderr).toBe(0);
    expect(mocha.stdout).toMatch(/1 passing/);

    const setup = await workspace.prepare?.();
    expect(setup).toMatchObject({ mode: 'linked', dependencies: ['node_modules'] });
    expect(setup?.failure).toBeUndefined();
    // A real directory of links: no package was copied.
    expect(lstatSync(join(dir, 'node_modules')).isDirectory()).toBe(true);
    const entries = readdirSync(join(dir, 'node_modules')).filter(
      (name) => !name.startsWith('.') && !name.startsWith('@'),
    );
    expect(entries.length).toBeGreaterThan(50);
    for (const name of entries)
      expect(lstatSync(join(dir, 'node_modules', name)).isSymbolicLink(), name).toBe(true);
    expect(readlinkSync(join(dir, 'node_modules', 'mocha'))).toBe(join(checkout, 'node_modules', 'mocha'));
    expect(lstatSync(join(dir, 'node_modules', '.bin')).isDirectory()).toBe(true);

    const vitest = await workspace.execution.run({ command: ['npx', 'vitest', 'run'] });
    expect(vitest.exitCode, vitest.stdout + vitest.stderr).toBe(0);
    expect(vitest.stdout).toMatch(/1 passed/);
    expect(lstatSync(join(dir, 'node_modules', '.vite')).isDirectory()).toBe(true);

    // The checkout is red (its HEAD is the culprit) and still runs on its own code.
    const red = await workspace.execution.run({ command: ['npx', 'mocha'], cwd: checkout });
    expect(red.exitCode).not.toBe(0);

    console.info(
      `npm fixture: install ${installMs} ms, linked setup ${Math.round(setup?.durationMs ?? 0)} ms (${((setup?.durationMs ?? 0) / installMs).toFixed(3)} x install)`,
    );
    expect(checkoutState()).toEqual(before);
    await workspace.dispose();
    expect(existsSync(dir)).toBe(false);
    expect(checkoutState()).toEqual(before);
  });

  it('dispose deletes links, never what they point to, even links it did not make', async () => {
    const before = checkoutState();
    const provider = workspacesOf({ repoDir: checkout });
    const workspace = await provider.create({ revision: greenCommit });
    const dir = workspace.dir ?? '';
    await workspace.execution.run({ command: ['node', '--version'] });
    // A test run that left links of its own, into the checkout's node_modules and a package.
    await symlink(join(checkout, 'node_modules'), join(dir, 'stray-node-modules'));
    await mkdir(join(dir, 'build'));
    await symlink(join(checkout, 'node_modules', 'mocha'), join(dir, 'build', 'mocha'));
    await workspace.dispose();
    expect(existsSync(dir)).toBe(false);
    expect(checkoutState()).toEqual(before);
    expect(existsSync(join(checkout, 'node_modules', 'mocha', 'package.json'))).toBe(true);
  });

  it('moves PATH entries inside the checkout (node_modules/.bin) to the workspace', async () => {
    const env = { ...process.env, PATH: `${join(checkout, 'node_modules', '.bin')}:${process.env.PATH}` };
    const provider = workspacesOf({ repoDir: checkout, env });
    const workspace = await provider.create({ revision: greenCommit });
    const found = await workspace.execution.run({ command: 'command -v mocha' });
    expect(found.stdout.trim()).toBe(join(workspace.dir ?? '', 'node_modules', '.bin', 'mocha'));
    const caller = await workspace.execution.run({
      command: 'command -v mocha',
      env: { PATH: `${join(checkout, 'node_modules', '.bin')}:/usr/bin:/bin` },
    });
    expect(caller.stdout.trim()).toBe(join(workspace.dir ?? '', 'node_modules', '.bin', 'mocha'));
    await workspace.dispose();
  });

  it('without a setup command, links the checkout dependencies to a revision whose manifest differs and says they may not match', async () => {
    git(checkout, 'switch', '--quiet', '-c', 'manifest-change', greenCommit);
    await writeFiles(checkout, {
      'package.json': `${JSON.stringify({ ...JSON.parse(sh(checkout, 'cat', ['package.json'])), description: 'changed' }, null, 2)}\n`,
    });
    const changed = commitAll(checkout, 'manifest change');
    git(checkout, 'switch', '--quiet', 'main');
    const provider = workspacesOf({ repoDir: checkout, setup: null });
    const workspace = await provider.create({ revision: changed });
    const setup = await workspace.prepare?.();
    expect(setup).toMatchObject({ mode: 'linked', dependencies: ['node_modules'] });
    expect((setup as { warning?: string }).warning).toMatch(
      /package\.json.*may not match; configure a setup command/,
    );
    const ran = await workspace.execution.run({ command: ['npx', 'mocha'] });
    expect(ran.exitCode).toBe(0);
    await workspace.dispose();
  });

  it('a checkout with no dependencies installed and no setup prepares nothing', async () => {
    const bare = await createRepository();
    try {
      const provider = workspacesOf({ repoDir: bare.dir });
      const workspace = await provider.create({ revision: 'HEAD' });
      const ran = await workspace.execution.run({
        command: ['node', '-e', 'console.log(process.env.VIRTUAL_ENV ?? "none")'],
      });
      expect(ran.stdout.trim()).toBe('none');
      expect(await workspace.prepare?.()).toMatchObject({ mode: 'none' });
      expect(realpathSync(workspace.dir ?? '')).toBeTruthy();
      await workspace.dispose();
    } finally {
      await bare.cleanup();
    }
  });
});
