import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ExecutionAdapter, WorkspaceSetup } from '@healing/adapters';
import type { EnvSource } from '../execution/command-env.js';
import type { KeyedLock } from '../storage/keyed-lock.js';
import type { CachedDependencies, DependencyCache } from './dependency-cache.js';
import {
  type DependencyFingerprint,
  fingerprintKey,
  readDependencyFingerprint,
  sameFingerprint,
} from './dependency-fingerprint.js';
import { type DependencyDir, type DependencyDirKind, findDependencyDirs } from './find-dependency-dirs.js';
import { linkDependencyDirs, resolvesInside } from './link-dependency-dirs.js';
import type { MirrorContext } from './mirror-entry.js';
import { createRootRewriter, pathInside } from './root-rewriter.js';
import { describeCommand, runSetup, type WorkspaceSetupCommand } from './run-setup.js';
import { type WorkspaceCommandEnv, workspaceCommandEnv } from './workspace-command-env.js';

/** A WorkspaceSetup that can also say the workspace runs on dependencies that may not match it. */
export type WorktreeWorkspaceSetup = WorkspaceSetup & { readonly warning?: string };

/** The checkout's installed dependencies, found once per provider. */
export interface CheckoutDependencies {
  /** The checkout's top-level directory as git reports it. */
  readonly root: string;
  /** Every spelling of that directory (as given, resolved) that paths may use. */
  readonly roots: readonly string[];
  readonly dirs: readonly DependencyDir[];
}

export interface DependencyPreparation {
  readonly setup: WorktreeWorkspaceSetup;
  readonly commandEnv: WorkspaceCommandEnv;
  /** Removes the workspace's dependency directories (links and copies, never what links point to). */
  dispose(): Promise<void>;
}

export interface PrepareDependenciesOptions {
  readonly checkout: CheckoutDependencies;
  readonly workspaceRoot: string;
  readonly workspaceId: string;
  readonly setup: WorkspaceSetupCommand | null;
  readonly cache: () => Promise<DependencyCache>;
  /** Serialises installs of one dependency set in this process. */
  readonly lock: KeyedLock;
  /** Setups that failed in this process, by cache key: the same files fail the same way, so they are not run again. */
  readonly setupFailures: Map<string, string>;
  readonly execution: ExecutionAdapter;
  readonly parentEnv: EnvSource;
  readonly signal: AbortSignal;
}

const VENV_RANK = (path: string): number => (path === '.venv' ? 0 : path === 'venv' ? 1 : 2);

/** The venv commands should run on: the shallowest, `.venv` before `venv` before others. */
function pickVirtualenv(dirs: readonly DependencyDir[], workspaceRoot: string): string | null {
  const venvs = dirs
    .filter((dir) => dir.kind === 'virtualenv')
    .sort(
      (a, b) =>
        a.path.split('/').length - b.path.split('/').length ||
        VENV_RANK(a.path) - VENV_RANK(b.path) ||
        (a.path < b.path ? -1 : 1),
    );
  return venvs[0] ? join(workspaceRoot, venvs[0].path) : null;
}

function differingFiles(a: DependencyFingerprint, b: DependencyFingerprint): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths].filter((path) => a.get(path) !== b.get(path)).sort();
}

/**
 * Gives a workspace the project's dependencies. Fast path: the dependency files equal the
 * checkout's, so its installed directories are linked. Otherwise the setup command installs
 * them in the workspace, once per set of dependency files: the result moves to the cache and
 * is linked back, and later workspaces with the same files link it from there.
 */
export async function prepareDependencies(
  options: PrepareDependenciesOptions,
): Promise<DependencyPreparation> {
  const started = performance.now();
  const { checkout, workspaceRoot, parentEnv } = options;
  const toWorkspace = createRootRewriter(checkout.roots, workspaceRoot);
  const fromCheckout: MirrorContext = {
    sourceRoot: checkout.root,
    installRoot: checkout.root,
    rewriter: toWorkspace,
  };
  const linked: DependencyDir[] = [];
  const releases: Array<() => Promise<void>> = [];

  const dispose = async (): Promise<void> => {
    for (const dir of linked.splice(0)) {
      const path = join(workspaceRoot, dir.path);
      // rm never follows symlinks: it unlinks them, so the checkout and the cache stay whole.
      if (pathInside(workspaceRoot, path) && (await resolvesInside(workspaceRoot, dirname(path))))
        await rm(path, { recursive: true, force: true });
    }
    for (const release of releases.splice(0)) await release().catch(() => undefined);
  };
  const done = (
    fields: Omit<WorktreeWorkspaceSetup, 'durationMs' | 'dependencies'>,
  ): DependencyPreparation => ({
    setup: {
      ...fields,
      durationMs: performance.now() - started,
      ...(linked.length > 0 ? { dependencies: linked.map((dir) => dir.path) } : {}),
    },
    commandEnv: workspaceCommandEnv({
      parentPath: parentEnv.PATH,
      toWorkspace,
      virtualenv: pickVirtualenv(linked, workspaceRoot),
    }),
    dispose,
  });
  const linkFromCheckout = async (dirs: readonly DependencyDir[]): Promise<void> => {
    linked.push(...(await linkDependencyDirs(dirs, fromCheckout, workspaceRoot)));
  };
  const linkFromCache = async (cache: DependencyCache, entry: CachedDependencies): Promise<void> => {
    releases.push(await cache.claim(entry, options.workspaceId));
    const rewriter = createRootRewriter([...entry.installRoots, entry.treeDir], workspaceRoot);
    const installRoot = entry.installRoots[0] ?? workspaceRoot;
    linked.push(
      ...(await linkDependencyDirs(
        entry.dirs,
        { sourceRoot: entry.treeDir, installRoot, rewriter },
        workspaceRoot,
      )),
    );
  };
  // Kinds the setup did not produce (a venv when setup is `npm ci`) still come from the checkout.
  const linkCheckoutExtras = (produced: readonly DependencyDir[]): Promise<void> => {
    const kinds = new Set<DependencyDirKind>(produced.map((dir) => dir.kind));
    return linkFromCheckout(checkout.dirs.filter((dir) => !kinds.has(dir.kind)));
  };

  try {
    const [workspaceFiles, checkoutFiles] = await Promise.all([
      readDependencyFingerprint(workspaceRoot, { parentEnv }),
      readDependencyFingerprint(checkout.root, {
        parentEnv,
        excludeDirs: checkout.dirs.map((dir) => dir.path),
      }),
    ]);
    const isSame = sameFingerprint(workspaceFiles, checkoutFiles);
    if (checkout.dirs.length > 0 && (isSame || options.setup === null)) {
      await linkFromCheckout(checkout.dirs);
      if (isSame) return done({ mode: 'linked' });
      const files = differingFiles(workspaceFiles, checkoutFiles);
      return done({
        mode: 'linked',
        warning: `dependency files differ from the checkout's (${files.slice(0, 5).join(', ')}${files.length > 5 ? ', …' : ''}) and no setup command is set: the checkout's installed dependencies are linked and may not match; configure a setup command to install them`,
      });
    }
    if (options.setup === null) return done({ mode: 'none' });
    const setup = options.setup;
    const command = describeCommand(setup.command);
    const key = fingerprintKey(workspaceFiles, [process.platform, process.arch, command]);
    return await options.lock.run([key], async () => {
      const cache = await options.cache().catch(() => null);
      const cached = cache ? await cache.find(key) : null;
      if (cache && cached) {
        await linkFromCache(cache, cached);
        await linkCheckoutExtras(cached.dirs);
        return done({ mode: 'cached', command });
      }
      const known = options.setupFailures.get(key);
      if (known !== undefined) return done({ mode: 'installed', command, failure: known });
      const failure = await runSetup(options.execution, setup, {
        cwd: workspaceRoot,
        env: workspaceCommandEnv({ parentPath: parentEnv.PATH, toWorkspace, virtualenv: null }).env,
        signal: options.signal,
      });
      if (failure !== null) {
        if (!options.signal.aborted) options.setupFailures.set(key, failure);
        return done({ mode: 'installed', command, failure });
      }
      const installed = await findDependencyDirs(workspaceRoot, parentEnv);
      // Without a usable cache (read-only .git, a full disk) the install stays in the workspace.
      const stored =
        cache && installed.length > 0
          ? await cache.store(key, workspaceRoot, installed).catch(() => null)
          : null;
      if (cache && stored) {
        await linkFromCache(cache, stored);
        await cache.evict().catch(() => undefined);
      } else {
        linked.push(...installed);
      }
      await linkCheckoutExtras(installed);
      return done({ mode: 'installed', command });
    });
  } catch (error) {
    await dispose();
    throw error;
  }
}
