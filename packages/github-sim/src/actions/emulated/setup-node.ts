import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashFiles } from '../hash-files.js';
import { type ActionContext, input, toolVersion, which } from './action-context.js';

// What actions/setup-node@v4 accepts for `cache`, and the lockfiles it looks for in the root.
const LOCKFILE_PATTERNS: Readonly<Record<string, readonly string[]>> = {
  npm: ['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock'],
  pnpm: ['pnpm-lock.yaml'],
  yarn: ['yarn.lock'],
};

/** The version a version file names, read as setup-node's getNodeVersionFromFile does. */
export function nodeVersionFromFile(contents: string): string | null {
  try {
    const manifest: unknown = JSON.parse(contents);
    if (manifest !== null && typeof manifest === 'object') {
      const fields = manifest as {
        volta?: { node?: string };
        devEngines?: { runtime?: unknown };
        engines?: { node?: string };
      };
      if (fields.volta?.node) return fields.volta.node;
      const runtimes = [fields.devEngines?.runtime].flat() as Array<{ name?: string; version?: string }>;
      const runtime = runtimes.find((entry) => entry?.name?.toLowerCase() === 'node' && entry.version);
      if (runtime?.version) return runtime.version;
      return fields.engines?.node ?? null;
    }
  } catch {
    // Not JSON: a plain version file.
  }
  const found = /^(?:node(js)?\s+)?v?(?<version>[^\s]+)$/m.exec(contents);
  return found?.groups?.version ?? contents.trim();
}

/**
 * actions/setup-node in the simulator: resolves the version the inputs ask for exactly as the
 * real action does (and fails where it fails), logs what it would install, and leaves node
 * from PATH in place. `cache:` checks the lockfile as the real action does, restores the
 * repository's Actions cache entry for its key, and saves one when the job succeeds.
 */
export async function setupNode(context: ActionContext): Promise<boolean> {
  const { log } = context;
  let version = input(context, 'node-version');
  const versionFile = input(context, 'node-version-file');
  if (version && versionFile) {
    log(
      '##[warning]Both node-version and node-version-file inputs are specified, only node-version will be used\n',
    );
  }
  if (!version && versionFile) {
    const path = join(context.workspace, versionFile);
    if (!existsSync(path)) {
      log(`##[error]The specified node version file at: ${path} does not exist\n`);
      return false;
    }
    version = nodeVersionFromFile(readFileSync(path, 'utf8')) ?? '';
    log(`Resolved ${versionFile} as ${version}\n`);
  }
  const actual = await toolVersion(context, 'node');
  if (actual === null) {
    log(
      `##[error]Unable to find Node version '${version || 'from PATH'}': the simulator uses node from PATH and there is none\n`,
    );
    return false;
  }
  if (version) {
    log(
      `The simulator downloads nothing: Node.js ${version} was asked for; using node ${actual} from PATH.\n`,
    );
    const wanted = /^v?(\d+(?:\.\d+){0,2})$/.exec(version)?.[1];
    if (wanted !== undefined && !`${actual.replace(/^v/, '')}.`.startsWith(`${wanted}.`)) {
      log(`##[warning]node ${actual} from PATH does not match the requested ${version}\n`);
    }
  }
  log(`Environment details\nnode: ${actual}\n`);
  await context.setOutput('node-version', actual);
  const cache = input(context, 'cache');
  return cache === '' ? true : checkCache(context, cache);
}

async function checkCache(context: ActionContext, manager: string): Promise<boolean> {
  const { log, workspace } = context;
  const patterns = LOCKFILE_PATTERNS[manager];
  if (!patterns) {
    log(`##[error]Caching for '${manager}' is not supported\n`);
    return false;
  }
  // The cache directory comes from the package manager itself, so it must be installed first.
  if (manager !== 'npm' && (await which(context, manager)) === null) {
    log(
      `##[error]Unable to locate executable file: ${manager}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable.\n`,
    );
    return false;
  }
  const dependencyPath = input(context, 'cache-dependency-path');
  let lockfiles: string[];
  if (dependencyPath) {
    lockfiles = dependencyPath.split('\n').filter((line) => line.trim() !== '');
  } else {
    const lockfile = patterns.find((name) => existsSync(join(workspace, name)));
    if (lockfile === undefined) {
      log(
        `##[error]Dependencies lock file is not found in ${workspace}. Supported file patterns: ${patterns.join(',')}\n`,
      );
      return false;
    }
    lockfiles = [lockfile];
  }
  const hash = hashFiles(workspace, lockfiles);
  if (hash === '') {
    log('##[error]Some specified paths were not resolved, unable to cache dependencies.\n');
    return false;
  }
  // The key and the cached directory as setup-node@v4 computes them on Linux x64.
  const key = `node-cache-Linux-x64-${manager}-${hash}`;
  const home = context.env.HOME ?? '';
  const path = join(home, CACHE_PATHS[manager] ?? '.npm');
  const isHit = await context.cache.restore(key, path);
  log(isHit ? `Cache restored from key: ${key}\n` : `${manager} cache is not found (key ${key})\n`);
  await context.setOutput('cache-hit', String(isHit));
  if (!isHit) {
    // setup-node saves in its post step, and only when the job succeeded (post-if: success()).
    context.addPostStep(async (jobSucceeded) => {
      if (!jobSucceeded) return;
      if (await context.cache.save(key, path)) log(`Cache saved with the key: ${key}\n`);
    });
  }
  return true;
}

// Where each package manager keeps its download cache under HOME on a Linux runner.
const CACHE_PATHS: Readonly<Record<string, string>> = {
  npm: '.npm',
  pnpm: '.local/share/pnpm/store',
  yarn: '.cache/yarn',
};
