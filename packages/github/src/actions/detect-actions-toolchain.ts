import type { StorageAdapter } from '@healing/adapters';
import type {
  ActionsToolchain,
  NodePackageManager,
  NodeToolchain,
  PythonToolchain,
} from './actions-toolchain.js';

/** Reads a repository file's text, or null when it does not exist. */
export type ReadText = (path: string) => Promise<string | null>;

/** A StorageAdapter as a text reader (the local checkout, a branch on GitHub). */
export function storageText(storage: StorageAdapter): ReadText {
  return async (path) => {
    const file = await storage.read(path);
    return file === null ? null : new TextDecoder().decode(file.content);
  };
}

// The order the engine's setup detection uses, so the cache matches the install command.
const LOCKFILES: ReadonlyArray<readonly [string, NodePackageManager]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];
const REQUIREMENT_FILES = [
  'requirements.txt',
  'requirements-dev.txt',
  'requirements-test.txt',
  'requirements_dev.txt',
];
const PYTHON_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile', 'uv.lock', 'poetry.lock'];

/**
 * The toolchain a repository's files call for, as the heal-run workflow sets it up: Node.js
 * when there is a package.json (version file, package manager and lockfile), Python when there
 * are requirements, a pyproject.toml, setup.py or a `.python-version`.
 */
export async function detectActionsToolchain(read: ReadText): Promise<ActionsToolchain> {
  const [node, python] = await Promise.all([detectNode(read), detectPython(read)]);
  return { node, python };
}

async function detectNode(read: ReadText): Promise<NodeToolchain | null> {
  const [manifestText, nvmrc, nodeVersion, toolVersions] = await Promise.all(
    ['package.json', '.nvmrc', '.node-version', '.tool-versions'].map(read),
  );
  const hasToolVersionsNode = toolVersions !== null && /^nodejs?\s+\S+\s*$/m.test(toolVersions ?? '');
  if (manifestText === null && nvmrc === null && nodeVersion === null && !hasToolVersionsNode) return null;
  const manifest = parseObject(manifestText ?? '');
  const versionFile =
    nvmrc !== null
      ? '.nvmrc'
      : nodeVersion !== null
        ? '.node-version'
        : hasToolVersionsNode
          ? '.tool-versions'
          : manifestNamesNode(manifest)
            ? 'package.json'
            : null;
  let lockfile: string | null = null;
  let packageManager: NodePackageManager | null = null;
  for (const [name, manager] of LOCKFILES) {
    if ((await read(name)) !== null) {
      lockfile = name;
      packageManager = manager;
      break;
    }
  }
  const pinned = /^(npm|pnpm|yarn|bun)@/.exec(stringField(manifest, 'packageManager'))?.[1] as
    | NodePackageManager
    | undefined;
  packageManager ??= pinned ?? 'npm';
  const pnpmVersion =
    packageManager === 'pnpm' && pinned !== 'pnpm'
      ? pnpmForLockfile(lockfile === null ? null : await read(lockfile))
      : null;
  return {
    versionFile,
    version: versionFile === null ? 'lts/*' : null,
    packageManager,
    // setup-node caches npm, pnpm and yarn only; bun's cache is not its business.
    lockfile: packageManager === 'bun' ? null : lockfile,
    pnpmVersion,
  };
}

async function detectPython(read: ReadText): Promise<PythonToolchain | null> {
  const [pythonVersion, toolVersions] = await Promise.all([read('.python-version'), read('.tool-versions')]);
  const requirements: string[] = [];
  for (const name of REQUIREMENT_FILES) if ((await read(name)) !== null) requirements.push(name);
  const markers: string[] = [];
  for (const name of PYTHON_MARKERS) if ((await read(name)) !== null) markers.push(name);
  const hasToolVersionsPython = /^python\s+\S+/m.test(toolVersions ?? '');
  if (pythonVersion === null && requirements.length === 0 && markers.length === 0) return null;
  const versionFile =
    pythonVersion !== null ? '.python-version' : hasToolVersionsPython ? '.tool-versions' : null;
  // pip's cache needs files to key on; a pyproject.toml alone serves when there are no requirements.
  const cacheDependencyPaths =
    requirements.length > 0 ? requirements : markers.includes('pyproject.toml') ? ['pyproject.toml'] : [];
  return { versionFile, version: versionFile === null ? '3.x' : null, cacheDependencyPaths };
}

/** The pnpm major that writes a lockfile of this version: 9.0 → 9, 6.x → 8, 5.x → 7. */
function pnpmForLockfile(lockfile: string | null): string {
  const version = /^lockfileVersion:\s*['"]?(\d+)/m.exec(lockfile ?? '')?.[1];
  if (version === '6') return '8';
  if (version === '5') return '7';
  return '9';
}

/** setup-node reads a version from package.json's `volta.node`, `devEngines.runtime` or `engines.node`. */
function manifestNamesNode(manifest: Record<string, unknown> | null): boolean {
  if (manifest === null) return false;
  const volta = manifest.volta as { node?: unknown } | undefined;
  const engines = manifest.engines as { node?: unknown } | undefined;
  const runtime = (manifest.devEngines as { runtime?: unknown } | undefined)?.runtime;
  const runtimes = (Array.isArray(runtime) ? runtime : [runtime]) as Array<{
    name?: unknown;
    version?: unknown;
  }>;
  return (
    typeof volta?.node === 'string' ||
    typeof engines?.node === 'string' ||
    runtimes.some((entry) => entry?.name === 'node' && typeof entry.version === 'string')
  );
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function stringField(object: Record<string, unknown> | null, key: string): string {
  const value = object?.[key];
  return typeof value === 'string' ? value : '';
}
