import { describe, expect, it } from 'vitest';
import { detectSetupCommand } from './detect-setup-command.js';
import { detectTestCommand } from './detect-test-command.js';
import type { RepositoryFiles } from './repository-files.js';

function filesOf(files: Readonly<Record<string, string>>): RepositoryFiles {
  return {
    read: async (path) => files[path] ?? null,
    list: async (directory) =>
      Object.keys(files)
        .filter((path) => path.startsWith(`${directory}/`))
        .map((path) => path.slice(directory.length + 1).split('/')[0] ?? ''),
  };
}

const manifest = (fields: Record<string, unknown>): string => JSON.stringify(fields);

describe('detectTestCommand', () => {
  it('runs the test script with the package manager the lockfile names, never adding flags', async () => {
    const scripts = { test: 'node --test test/' };
    const cases: Array<[Record<string, string>, string]> = [
      [{ 'package.json': manifest({ scripts }) }, 'npm test'],
      [{ 'package.json': manifest({ scripts }), 'package-lock.json': '{}' }, 'npm test'],
      [{ 'package.json': manifest({ scripts }), 'pnpm-lock.yaml': '' }, 'pnpm test'],
      [{ 'package.json': manifest({ scripts }), 'yarn.lock': '' }, 'yarn test'],
      [{ 'package.json': manifest({ scripts }), 'yarn.lock': '', '.yarnrc.yml': '' }, 'yarn test'],
      [{ 'package.json': manifest({ scripts }), 'bun.lock': '' }, 'bun run test'],
      [{ 'package.json': manifest({ scripts, packageManager: 'pnpm@9.12.0' }) }, 'pnpm test'],
    ];
    for (const [files, command] of cases) {
      expect((await detectTestCommand(filesOf(files)))?.command).toBe(command);
    }
  });

  it('skips npm init placeholder scripts and finds pytest, go, cargo and make', async () => {
    const placeholder = manifest({ scripts: { test: 'echo "Error: no test specified" && exit 1' } });
    expect(await detectTestCommand(filesOf({ 'package.json': placeholder }))).toBeNull();
    expect(
      (await detectTestCommand(filesOf({ 'pyproject.toml': '[tool.pytest.ini_options]\n' })))?.command,
    ).toBe('python3 -m pytest');
    expect((await detectTestCommand(filesOf({ 'tests/test_app.py': '' })))?.command).toBe(
      'python3 -m pytest',
    );
    expect(await detectTestCommand(filesOf({ 'pyproject.toml': '[project]\nname = "x"\n' }))).toBeNull();
    expect((await detectTestCommand(filesOf({ 'go.mod': 'module x' })))?.command).toBe('go test ./...');
    expect((await detectTestCommand(filesOf({ 'Cargo.toml': '' })))?.command).toBe('cargo test');
    expect((await detectTestCommand(filesOf({ Makefile: 'test:\n\tgo test\n' })))?.command).toBe('make test');
  });
});

describe('detectSetupCommand', () => {
  const deps = { devDependencies: { mocha: '^11.0.0' } };

  it('installs from the lockfile, offline first, with the matching package manager', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ 'package-lock.json': '{}' }, 'npm ci --prefer-offline --no-audit --no-fund'],
      [{ 'pnpm-lock.yaml': '' }, 'pnpm install --frozen-lockfile --prefer-offline'],
      [{ 'yarn.lock': '' }, 'yarn install --frozen-lockfile --prefer-offline'],
      [{ 'yarn.lock': '', '.yarnrc.yml': 'nodeLinker: node-modules\n' }, 'yarn install --immutable'],
      [{ 'bun.lockb': '' }, 'bun install --frozen-lockfile'],
      [{}, 'npm install --prefer-offline --no-audit --no-fund'],
    ];
    for (const [files, command] of cases) {
      const detected = await detectSetupCommand(filesOf({ 'package.json': manifest(deps), ...files }));
      expect(detected?.command).toBe(command);
    }
  });

  it('needs nothing for a package without dependencies, Go or Cargo', async () => {
    expect(
      await detectSetupCommand(filesOf({ 'package.json': manifest({ scripts: { test: 'x' } }) })),
    ).toBeNull();
    expect(await detectSetupCommand(filesOf({ 'go.mod': 'module x' }))).toBeNull();
    expect(await detectSetupCommand(filesOf({ 'Cargo.toml': '' }))).toBeNull();
  });

  it('recreates the venv a Python checkout uses, with its requirements and the project itself', async () => {
    const detected = await detectSetupCommand(
      filesOf({
        'requirements.txt': 'requests\n',
        'pyproject.toml': '[project]\n',
        'venv/pyvenv.cfg': 'home = /usr\n',
      }),
    );
    expect(detected?.command).toBe(
      'python3 -m venv venv && venv/bin/python -m pip install -r requirements.txt -e .',
    );
    expect((await detectSetupCommand(filesOf({ 'uv.lock': '' })))?.command).toBe('uv sync --frozen');
    expect((await detectSetupCommand(filesOf({ 'poetry.lock': '' })))?.command).toBe(
      'poetry install --no-interaction',
    );
    expect(await detectSetupCommand(filesOf({ 'pyproject.toml': '[project]\n' }))).toBeNull();
  });
});
