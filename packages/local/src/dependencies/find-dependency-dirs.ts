import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EnvSource } from '../execution/command-env.js';
import { createCliContext } from '../git/cli-context.js';

export type DependencyDirKind = 'node_modules' | 'virtualenv';

/** An installed dependency directory git does not track, relative to the repository root. */
export interface DependencyDir {
  readonly path: string;
  readonly kind: DependencyDirKind;
}

// Bounds, so a tree with millions of ignored files costs one git call and a few stats.
const MAX_ENTRIES = 200_000;
const MAX_VENV_PROBES = 2_000;
const MAX_DIRS = 256;

const isVirtualenv = (dir: string): Promise<boolean> =>
  stat(join(dir, 'pyvenv.cfg')).then(
    (info) => info.isFile(),
    () => false,
  );

/**
 * Finds the untracked `node_modules` directories (every package of a monorepo, none inside
 * another node_modules) and Python virtualenvs (directories holding `pyvenv.cfg`) of a
 * working tree. `git ls-files --directory` reports an ignored directory without entering it,
 * so the walk never descends into node_modules.
 */
export async function findDependencyDirs(root: string, parentEnv?: EnvSource): Promise<DependencyDir[]> {
  const repo = createCliContext(root, parentEnv);
  const base = ['ls-files', '-z', '--others', '--exclude-standard', '--directory', '--no-empty-directory'];
  const [ignored, untracked] = await Promise.all([repo.text([...base, '--ignored']), repo.text(base)]);
  const entries = [...ignored.split('\0'), ...untracked.split('\0')].slice(0, MAX_ENTRIES);
  const found = new Map<string, DependencyDir>();
  let probes = 0;
  for (const entry of entries) {
    if (entry === '' || found.size >= MAX_DIRS) continue;
    const path = entry.endsWith('/') ? entry.slice(0, -1) : entry;
    const segments = path.split('/');
    if (segments.at(-1) === 'node_modules') {
      if (segments.indexOf('node_modules') === segments.length - 1)
        found.set(path, { path, kind: 'node_modules' });
    } else if (entry.endsWith('/') && probes < MAX_VENV_PROBES) {
      probes += 1;
      if (await isVirtualenv(join(root, path))) found.set(path, { path, kind: 'virtualenv' });
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
