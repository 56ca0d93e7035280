import { lstatSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workspace } from '@healing/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessExecution } from '../src/execution/process-execution.js';
import { commitAll, sh, snapshotTree, trackedWorkspaces, writeFiles } from './dependency-fixtures.js';
import { createRepository, type GitRepository, git } from './git-fixture.js';
import { ISOLATED_PIP_ENV, writePythonProject, writeTinyDistribution } from './python-fixture.js';

const created: Workspace[] = [];
const workspacesOf = trackedWorkspaces(created);

// A src-layout project installed editable (`pip install -e .`) into an untracked .venv, plus a
// local `iniconfig` that shadows the one the machine's Python has (pytest brings it).
let repository: GitRepository;
let checkout: string;
let older: string;
let scratch: string;

beforeAll(async () => {
  repository = await createRepository();
  checkout = repository.dir;
  scratch = await mkdtemp(join(tmpdir(), 'healing-py-dist-'));
  await writePythonProject(checkout);
  older = commitAll(checkout, 'project');
  await writeFiles(checkout, { 'src/mypkg/extra.py': 'LATER = True\n' });
  commitAll(checkout, 'a later commit, same dependency files');
  sh(checkout, 'python3', ['-m', 'venv', '.venv']);
  const pip = join(checkout, '.venv', 'bin', 'pip');
  sh(checkout, pip, ['install', '--no-build-isolation', '--no-deps', '-e', '.'], ISOLATED_PIP_ENV);
  await writeTinyDistribution(join(scratch, 'tiny'), 'iniconfig', 'venv-local');
  sh(
    checkout,
    pip,
    ['install', '--no-build-isolation', '--no-deps', join(scratch, 'tiny')],
    ISOLATED_PIP_ENV,
  );
}, 180_000);

afterAll(async () => {
  for (const workspace of created.splice(0)) await workspace.dispose();
  await repository?.cleanup();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const PROBE = [
  'import sys, mypkg, mytool, iniconfig',
  'print(sys.prefix)',
  'print(sys.executable)',
  'print(mypkg.__file__)',
  'print(mytool.__file__)',
  'print(iniconfig.__version__)',
].join('; ');

describe('worktree workspaces on a Python project with a virtualenv (slow: real venv and pip)', {
  tags: ['slow'],
}, () => {
  it("runs the venv's python on the workspace's code: editable installs, console scripts and PATH point at the workspace", async () => {
    const before = snapshotTree(join(checkout, '.venv'));
    const status = git(checkout, 'status', '--porcelain', '--ignored');
    // The user runs heal from the activated checkout venv, with a PYTHONHOME an execution lets through.
    const env = {
      ...process.env,
      PATH: `${join(checkout, '.venv', 'bin')}:${process.env.PATH}`,
      PYTHONHOME: '/nonexistent',
    };
    const execution = createProcessExecution({ env, allowEnv: ['PYTHONHOME'] });
    const provider = workspacesOf({ repoDir: checkout, env, execution });
    const workspace = await provider.create({ revision: older });
    const dir = workspace.dir ?? '';
    const venv = join(dir, '.venv');

    const probe = await workspace.execution.run({ command: ['python', '-c', PROBE] });
    expect(probe.stderr).toBe('');
    expect(probe.stdout.trim().split('\n')).toEqual([
      venv,
      join(venv, 'bin', 'python'),
      join(dir, 'src', 'mypkg', '__init__.py'),
      join(dir, 'tools', 'mytool', '__init__.py'),
      'venv-local',
    ]);
    // The machine's own interpreter has a different iniconfig (or none): the venv's shadows it.
    const machineProbe =
      "try:\n import iniconfig; print(getattr(iniconfig, '__version__', iniconfig.__file__))\nexcept ImportError:\n print('none')";
    const machine = sh(checkout, 'python3', ['-c', machineProbe], { PATH: process.env.PATH }).trim();
    expect(machine).not.toBe('venv-local');

    const setup = await workspace.prepare?.();
    expect(setup).toMatchObject({ mode: 'linked', dependencies: ['.venv'] });
    const cli = await workspace.execution.run({ command: ['mypkg-cli'] });
    expect(cli.stdout.trim()).toBe(join(dir, 'src', 'mypkg', '__init__.py'));
    const which = await workspace.execution.run({ command: 'command -v python; echo "$VIRTUAL_ENV"' });
    expect(which.stdout.trim().split('\n')).toEqual([join(venv, 'bin', 'python'), venv]);

    // What was copied and rewritten, and what was linked.
    const sitePackages = join(venv, 'lib', 'python3.11', 'site-packages');
    const pth = readFileSync(join(sitePackages, '__editable__.mypkg.pth'), 'utf8');
    expect(pth).toContain(join(dir, 'src'));
    expect(pth).not.toContain(checkout);
    expect(readFileSync(join(sitePackages, '__editable___mypkg_finder.py'), 'utf8')).toContain(
      join(dir, 'tools', 'mytool'),
    );
    expect(readFileSync(join(venv, 'bin', 'mypkg-cli'), 'utf8').split('\n')[0]).toBe(
      `#!${join(venv, 'bin', 'python3')}`,
    );
    expect(readFileSync(join(venv, 'bin', 'activate'), 'utf8')).toContain(venv);
    expect(lstatSync(join(venv, 'pyvenv.cfg')).isSymbolicLink()).toBe(false);
    expect(lstatSync(join(sitePackages, 'iniconfig')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(venv, 'bin', 'python')).isSymbolicLink()).toBe(true);

    expect(snapshotTree(join(checkout, '.venv'))).toEqual(before);
    await workspace.dispose();
    expect(snapshotTree(join(checkout, '.venv'))).toEqual(before);
    expect(git(checkout, 'status', '--porcelain', '--ignored')).toBe(status);
    // The checkout's own venv still imports the checkout's code.
    const own = sh(checkout, join(checkout, '.venv', 'bin', 'python'), [
      '-c',
      'import mypkg; print(mypkg.__file__)',
    ]);
    expect(own.trim()).toBe(join(checkout, 'src', 'mypkg', '__init__.py'));
  });

  it('installs a changed project with the setup command once, then links the cached venv re-pointed at each new workspace', async () => {
    git(checkout, 'switch', '--quiet', '-c', 'version-bump', older);
    await writeFiles(checkout, {
      'pyproject.toml': readFileSync(join(checkout, 'pyproject.toml'), 'utf8').replace(
        "version = '0.1.0'",
        "version = '0.2.0'",
      ),
    });
    const bumped = commitAll(checkout, 'version 0.2.0');
    git(checkout, 'switch', '--quiet', 'main');
    const before = snapshotTree(join(checkout, '.venv'));
    const provider = workspacesOf({
      repoDir: checkout,
      setup: {
        command: 'python3 -m venv .venv && .venv/bin/pip install --no-build-isolation --no-deps -e .',
        timeoutMs: 180_000,
        env: ISOLATED_PIP_ENV,
      },
      dependencyCacheDir: join(scratch, 'deps'),
    });
    const probe =
      "import sys, mypkg, importlib.metadata as m; print(sys.prefix); print(mypkg.__file__); print(m.version('mypkg'))";

    const installing = await provider.create({ revision: bumped });
    const installSetup = await installing.prepare?.();
    expect(installSetup).toMatchObject({ mode: 'installed', dependencies: ['.venv'] });
    const first = await installing.execution.run({ command: ['python', '-c', probe] });
    expect(first.stdout.trim().split('\n')).toEqual([
      join(installing.dir ?? '', '.venv'),
      join(installing.dir ?? '', 'src', 'mypkg', '__init__.py'),
      '0.2.0',
    ]);
    // The workspace that installed is gone; the cached venv still names it in its scripts and .pth.
    await installing.dispose();

    const later = await provider.create({ revision: bumped });
    const dir = later.dir ?? '';
    const cachedSetup = await later.prepare?.();
    expect(cachedSetup).toMatchObject({ mode: 'cached', dependencies: ['.venv'] });
    console.info(
      `python setup: venv + pip install -e . ${Math.round(installSetup?.durationMs ?? 0)} ms, cached ${Math.round(cachedSetup?.durationMs ?? 0)} ms`,
    );
    const second = await later.execution.run({ command: ['python', '-c', probe] });
    expect(second.stderr).toBe('');
    expect(second.stdout.trim().split('\n')).toEqual([
      join(dir, '.venv'),
      join(dir, 'src', 'mypkg', '__init__.py'),
      '0.2.0',
    ]);
    const cli = await later.execution.run({ command: ['mypkg-cli'] });
    expect(cli.stdout.trim()).toBe(join(dir, 'src', 'mypkg', '__init__.py'));
    await later.dispose();

    expect(snapshotTree(join(checkout, '.venv'))).toEqual(before);
    const own = sh(checkout, join(checkout, '.venv', 'bin', 'python'), ['-c', probe]);
    expect(own.trim().split('\n').slice(1)).toEqual([join(checkout, 'src', 'mypkg', '__init__.py'), '0.1.0']);
  });
});
