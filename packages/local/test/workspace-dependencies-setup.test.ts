import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { isHealingError, type Workspace } from '@healing/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitAll, sh, snapshotTree, trackedWorkspaces, writeFiles } from './dependency-fixtures.js';
import { createRepository, type GitRepository, git } from './git-fixture.js';

const created: Workspace[] = [];
const workspacesOf = trackedWorkspaces(created);

// The checkout has mocha installed; a later commit on another branch adds is-odd (a real
// registry package mocha does not bring), so a workspace there must install.
let repository: GitRepository;
let checkout: string;
let installed: string;
let bumped: string;
const NPM_CI = { command: 'npm ci --prefer-offline --no-audit --no-fund', timeoutMs: 300_000 };

beforeAll(async () => {
  repository = await createRepository();
  checkout = repository.dir;
  await writeFiles(checkout, {
    '.gitignore': 'node_modules\n',
    'package.json': `${JSON.stringify({ name: 'fixture', private: true }, null, 2)}\n`,
    'test/odd.spec.js':
      "const assert = require('node:assert');\nit('runs', () => assert.equal(require('node:path').sep, '/'));\n",
  });
  sh(checkout, 'npm', ['install', '--no-audit', '--no-fund', '--save-dev', 'mocha@10']);
  installed = commitAll(checkout, 'mocha');
  git(checkout, 'switch', '--quiet', '-c', 'bump');
  sh(checkout, 'npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', 'is-odd@3']);
  bumped = commitAll(checkout, 'add is-odd');
  git(checkout, 'switch', '--quiet', 'main');
}, 300_000);

afterAll(async () => {
  for (const workspace of created.splice(0)) await workspace.dispose();
  await repository?.cleanup();
});

const isOdd = (workspace: Workspace) =>
  workspace.execution.run({ command: ['node', '-e', "console.log(require('is-odd')(3))"] });

describe('worktree workspaces whose dependency files differ from the checkout (slow: real npm ci)', {
  tags: ['slow'],
}, () => {
  it('installs once per set of dependency files, caches it, links it to the next workspaces and never touches the checkout', async () => {
    const before = snapshotTree(join(checkout, 'node_modules'));
    const status = git(checkout, 'status', '--porcelain');
    expect(existsSync(join(checkout, 'node_modules', 'is-odd'))).toBe(false);
    const provider = workspacesOf({ repoDir: checkout, setup: NPM_CI });

    // Two at once: one installs, the other waits for it and links the cached result.
    const [first, second] = await Promise.all([
      provider.create({ revision: bumped }),
      provider.create({ revision: bumped }),
    ]);
    const [firstSetup, secondSetup] = await Promise.all([first.prepare?.(), second.prepare?.()]);
    expect([firstSetup?.mode, secondSetup?.mode].sort()).toEqual(['cached', 'installed']);
    for (const setup of [firstSetup, secondSetup]) {
      expect(setup).toMatchObject({ command: NPM_CI.command, dependencies: ['node_modules'] });
      expect(setup?.failure).toBeUndefined();
    }
    for (const workspace of [first, second]) {
      const ran = await isOdd(workspace);
      expect(ran.stdout.trim(), ran.stderr).toBe('true');
      const mocha = await workspace.execution.run({ command: ['npx', 'mocha'] });
      expect(mocha.exitCode, mocha.stderr).toBe(0);
    }

    // The install lives in the cache (default: <git common dir>/heal/deps), linked back.
    const cacheDir = join(checkout, '.git', 'heal', 'deps');
    const keys = readdirSync(cacheDir).filter((name) => /^[0-9a-f]{32}$/.test(name));
    expect(keys).toHaveLength(1);
    const cachedTree = join(cacheDir, keys[0] ?? '', 'tree', 'node_modules');
    expect(realpathSync(join(first.dir ?? '', 'node_modules', 'is-odd'))).toBe(join(cachedTree, 'is-odd'));
    const cacheBefore = snapshotTree(cachedTree);

    const third = await provider.create({ revision: bumped });
    const thirdSetup = await third.prepare?.();
    expect(thirdSetup?.mode).toBe('cached');
    expect((await isOdd(third)).stdout.trim()).toBe('true');
    const installSetup = firstSetup?.mode === 'installed' ? firstSetup : secondSetup;
    console.info(
      `setup: npm ci ${Math.round(installSetup?.durationMs ?? 0)} ms, cached ${Math.round(thirdSetup?.durationMs ?? 0)} ms (${((thirdSetup?.durationMs ?? 0) / (installSetup?.durationMs ?? 1)).toFixed(3)} x install)`,
    );

    // The same files as the checkout: linked from the checkout, no install.
    const same = await provider.create({ revision: installed });
    expect((await same.prepare?.())?.mode).toBe('linked');
    expect(existsSync(join(same.dir ?? '', 'node_modules', 'is-odd'))).toBe(false);

    for (const workspace of [first, second, third, same]) await workspace.dispose();
    expect(snapshotTree(cachedTree)).toEqual(cacheBefore);
    expect(readdirSync(join(cacheDir, keys[0] ?? '', 'users'))).toEqual([]);
    expect(snapshotTree(join(checkout, 'node_modules'))).toEqual(before);
    expect(git(checkout, 'status', '--porcelain')).toBe(status);
  });

  it('a setup that fails is an answer: runTests reports setup-failed without running, run throws COMMAND_FAILED', async () => {
    const provider = workspacesOf({
      repoDir: checkout,
      setup: { command: 'echo "npm ERR! boom" >&2; exit 3', timeoutMs: 60_000 },
    });
    const workspace = await provider.create({ revision: bumped });
    const tests = await workspace.execution.runTests({ command: 'touch ran-anyway && npx mocha' });
    expect(tests.problem?.kind).toBe('setup-failed');
    expect(tests.problem?.message).toBe(
      'setup `echo "npm ERR! boom" >&2; exit 3` failed with exit 3: npm ERR! boom',
    );
    expect(tests.result).toMatchObject({ source: 'exit-code', failed: 1, passed: 0 });
    expect(existsSync(join(workspace.dir ?? '', 'ran-anyway'))).toBe(false);
    const setup = await workspace.prepare?.();
    expect(setup).toMatchObject({ mode: 'installed', failure: tests.problem?.message });
    await expect(workspace.execution.run({ command: ['node', '--version'] })).rejects.toSatisfy(
      (error) => isHealingError(error, 'COMMAND_FAILED') && /setup `echo/.test((error as Error).message),
    );
    await workspace.dispose();
  });

  it('a setup that failed is not run again for the same dependency files', async () => {
    const counter = join(repository.dir, '..', 'setup-runs.txt');
    const provider = workspacesOf({
      repoDir: checkout,
      setup: { command: `echo run >> ${counter}; exit 1`, timeoutMs: 60_000 },
    });
    const workspaces = await Promise.all([1, 2, 3].map(() => provider.create({ revision: bumped })));
    const setups = await Promise.all(workspaces.map((workspace) => workspace.prepare?.()));
    expect(new Set(setups.map((setup) => setup?.failure)).size).toBe(1);
    expect(setups[0]?.failure).toMatch(/failed with exit 1/);
    expect(readFileSync(counter, 'utf8')).toBe('run\n');
  });

  it('a setup command that does not exist, or runs past its timeout, fails the same way', async () => {
    const missing = workspacesOf({
      repoDir: checkout,
      setup: { command: ['heal-no-such-setup-program'], timeoutMs: 60_000 },
    });
    const workspace = await missing.create({ revision: bumped });
    expect((await workspace.prepare?.())?.failure).toMatch(
      /^setup `heal-no-such-setup-program` could not start: /,
    );
    await workspace.dispose();

    const slow = workspacesOf({
      repoDir: checkout,
      setup: { command: 'sleep 30', timeoutMs: 300 },
    });
    const late = await slow.create({ revision: bumped });
    const setup = await late.prepare?.();
    expect(setup?.failure).toBe('setup `sleep 30` timed out after 300 ms');
    expect(setup?.durationMs).toBeLessThan(20_000);
    await late.dispose();
    expect(lstatSync(checkout).isDirectory()).toBe(true);
  });

  it('disposing a workspace stops its running setup, and nothing prepares afterwards', async () => {
    const provider = workspacesOf({
      repoDir: checkout,
      setup: { command: 'sleep 30', timeoutMs: 60_000 },
    });
    const workspace = await provider.create({ revision: bumped });
    const preparing = workspace.prepare?.();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    await workspace.dispose();
    expect(performance.now() - started).toBeLessThan(20_000);
    expect((await preparing)?.failure).toMatch(/^setup `sleep 30` was aborted/);
    expect(existsSync(workspace.dir ?? '')).toBe(false);
    expect(await workspace.prepare?.()).toEqual(await preparing);

    const unused = await provider.create({ revision: bumped });
    await unused.dispose();
    expect((await unused.prepare?.())?.failure).toMatch(/the workspace was disposed/);
  });
});
