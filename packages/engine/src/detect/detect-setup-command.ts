import type { DetectedCommand } from './detect-test-command.js';
import { detectPackageManager, type PackageManager } from './package-manager.js';
import { readManifest } from './read-manifest.js';
import type { RepositoryFiles } from './repository-files.js';

// Offline-first: a bisect step or a fresh runner usually needs nothing the cache lacks.
const INSTALL: Readonly<Record<PackageManager['name'], { locked: string; unlocked: string }>> = {
  npm: {
    locked: 'npm ci --prefer-offline --no-audit --no-fund',
    unlocked: 'npm install --prefer-offline --no-audit --no-fund',
  },
  pnpm: {
    locked: 'pnpm install --frozen-lockfile --prefer-offline',
    unlocked: 'pnpm install --prefer-offline',
  },
  yarn: {
    locked: 'yarn install --frozen-lockfile --prefer-offline',
    unlocked: 'yarn install --prefer-offline',
  },
  'yarn-berry': { locked: 'yarn install --immutable', unlocked: 'yarn install' },
  bun: { locked: 'bun install --frozen-lockfile', unlocked: 'bun install' },
};

const REQUIREMENT_FILES = [
  'requirements.txt',
  'requirements-dev.txt',
  'requirements-test.txt',
  'requirements_dev.txt',
];
const VENV_DIRECTORIES = ['.venv', 'venv'];

/**
 * The command that installs a project's dependencies in a fresh copy of it: from the lockfile
 * (npm, pnpm, yarn classic and berry, bun; uv, poetry, pip requirements or a venv the checkout
 * already uses). Null when nothing needs installing (Go and Cargo fetch on their own).
 */
export async function detectSetupCommand(files: RepositoryFiles): Promise<DetectedCommand | null> {
  return (await fromPackageJson(files)) ?? (await fromPython(files));
}

async function fromPackageJson(files: RepositoryFiles): Promise<DetectedCommand | null> {
  const manifest = await readManifest(files);
  if (manifest === null) return null;
  const hasDependencies =
    Object.keys(manifest.dependencies ?? {}).length + Object.keys(manifest.devDependencies ?? {}).length >
      0 ||
    manifest.workspaces !== undefined ||
    (await files.read('pnpm-workspace.yaml')) !== null;
  if (!hasDependencies) return null;
  const manager = await detectPackageManager(files, manifest);
  const install = INSTALL[manager.name];
  return manager.lockfile === null
    ? {
        command: install.unlocked,
        reason: `package.json with dependencies and no lockfile: ${install.unlocked}`,
      }
    : { command: install.locked, reason: `${manager.lockfile}: ${install.locked}` };
}

async function fromPython(files: RepositoryFiles): Promise<DetectedCommand | null> {
  if ((await files.read('uv.lock')) !== null) {
    return { command: 'uv sync --frozen', reason: 'uv.lock: uv sync --frozen' };
  }
  if ((await files.read('poetry.lock')) !== null) {
    return { command: 'poetry install --no-interaction', reason: 'poetry.lock: poetry install' };
  }
  const requirements: string[] = [];
  for (const name of REQUIREMENT_FILES) if ((await files.read(name)) !== null) requirements.push(name);
  const isProject = (await files.read('pyproject.toml')) !== null || (await files.read('setup.py')) !== null;
  let venv: string | null = null;
  for (const name of VENV_DIRECTORIES) {
    if ((await files.read(`${name}/pyvenv.cfg`)) !== null) {
      venv = name;
      break;
    }
  }
  if (requirements.length === 0 && !(isProject && venv !== null)) return null;
  const directory = venv ?? '.venv';
  const installs = [...requirements.map((name) => `-r ${name}`), ...(isProject ? ['-e .'] : [])];
  const command = `python3 -m venv ${directory} && ${directory}/bin/python -m pip install ${installs.join(' ')}`;
  const why =
    requirements.length > 0
      ? requirements.join(', ')
      : `the checkout's ${directory} with the project installed`;
  return { command, reason: `${why}: ${command}` };
}
