import { createMemoryStorage } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { detectActionsToolchain, storageText } from './detect-actions-toolchain.js';

async function toolchainOf(files: Record<string, string>) {
  const storage = createMemoryStorage();
  for (const [path, content] of Object.entries(files)) await storage.write(path, content);
  return detectActionsToolchain(storageText(storage));
}

const manifest = (fields: Record<string, unknown> = {}): string => JSON.stringify({ name: 'x', ...fields });

describe('detectActionsToolchain', () => {
  it('finds nothing to set up in a repository without Node.js or Python files', async () => {
    expect(await toolchainOf({ 'go.mod': 'module x\n', Makefile: 'test:\n' })).toEqual({
      node: null,
      python: null,
    });
  });

  it('reads the Node.js version from .nvmrc, .node-version, .tool-versions, then engines.node, else lts/*', async () => {
    const cases: Array<[Record<string, string>, string | null, string | null]> = [
      [{ 'package.json': manifest(), '.nvmrc': '20\n', '.node-version': '22\n' }, '.nvmrc', null],
      [{ 'package.json': manifest(), '.node-version': '22\n' }, '.node-version', null],
      [
        { 'package.json': manifest(), '.tool-versions': 'python 3.12\nnodejs 20.11.0\n' },
        '.tool-versions',
        null,
      ],
      // A .tool-versions without node would make setup-node read "python 3.12" as a version.
      [
        { 'package.json': manifest({ engines: { node: '>=20' } }), '.tool-versions': 'python 3.12\n' },
        'package.json',
        null,
      ],
      [{ 'package.json': manifest({ volta: { node: '20.11.0' } }) }, 'package.json', null],
      [{ 'package.json': manifest() }, null, 'lts/*'],
    ];
    for (const [files, versionFile, version] of cases) {
      expect((await toolchainOf(files)).node, JSON.stringify(files)).toMatchObject({ versionFile, version });
    }
  });

  it('keys the cache on the lockfile of the package manager the project uses', async () => {
    const cases: Array<[Record<string, string>, string, string | null, string | null]> = [
      [{ 'package-lock.json': '{}' }, 'npm', 'package-lock.json', null],
      [{ 'yarn.lock': '' }, 'yarn', 'yarn.lock', null],
      [{ 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n" }, 'pnpm', 'pnpm-lock.yaml', '9'],
      [{ 'pnpm-lock.yaml': "lockfileVersion: '6.0'\n" }, 'pnpm', 'pnpm-lock.yaml', '8'],
      [{ 'bun.lock': '' }, 'bun', null, null],
      [{}, 'npm', null, null],
    ];
    for (const [files, packageManager, lockfile, pnpmVersion] of cases) {
      const { node } = await toolchainOf({ 'package.json': manifest(), ...files });
      expect(node, JSON.stringify(files)).toMatchObject({ packageManager, lockfile, pnpmVersion });
    }
    // pnpm/action-setup reads packageManager itself and refuses a second version beside it.
    const pinned = await toolchainOf({
      'package.json': manifest({ packageManager: 'pnpm@9.15.0' }),
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
    });
    expect(pinned.node).toMatchObject({ packageManager: 'pnpm', pnpmVersion: null });
  });

  it('sets up Python for requirements, a pyproject.toml or a .python-version, caching pip on what it can key on', async () => {
    expect(
      (await toolchainOf({ 'requirements.txt': 'requests\n', 'requirements-dev.txt': 'pytest\n' })).python,
    ).toEqual({
      versionFile: null,
      version: '3.x',
      cacheDependencyPaths: ['requirements.txt', 'requirements-dev.txt'],
    });
    expect(
      (await toolchainOf({ 'pyproject.toml': '[project]\n', '.python-version': '3.12\n' })).python,
    ).toEqual({
      versionFile: '.python-version',
      version: null,
      cacheDependencyPaths: ['pyproject.toml'],
    });
    expect((await toolchainOf({ 'setup.py': '', '.tool-versions': 'python 3.11.4\n' })).python).toEqual({
      versionFile: '.tool-versions',
      version: null,
      cacheDependencyPaths: [],
    });
  });
});
