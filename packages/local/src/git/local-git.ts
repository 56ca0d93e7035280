import { spawnSync } from 'node:child_process';
import { ConfigError, type GitAdapter, type GitIdentity } from '@healing/adapters';
import type { EnvSource } from '../execution/command-env.js';
import { createCliGit } from './cli-git.js';
import { createIsomorphicGit } from './iso-worker-git.js';

export type LocalGitBackend = 'cli' | 'isomorphic' | 'auto';

export interface LocalGitOptions {
  readonly dir: string;
  /** `auto` (default) takes the git CLI when a `git` binary runs, isomorphic-git otherwise. */
  readonly backend?: LocalGitBackend;
  readonly identity?: GitIdentity;
  readonly env?: EnvSource;
}

let cliAvailable: boolean | undefined;

/** True when `git --version` runs; checked once per process. */
export function hasGitBinary(): boolean {
  cliAvailable ??= spawnSync('git', ['--version'], { stdio: 'ignore' }).status === 0;
  return cliAvailable;
}

/** Picks the git backend: the CLI where a binary exists (faster, atomic refs, push), isomorphic-git elsewhere. */
export function createLocalGit(options: LocalGitOptions): GitAdapter {
  const backend = options.backend ?? 'auto';
  const identity = options.identity === undefined ? {} : { identity: options.identity };
  switch (backend) {
    case 'cli':
      return createCliGit({ dir: options.dir, ...identity, ...(options.env ? { env: options.env } : {}) });
    case 'isomorphic':
      return createIsomorphicGit({ dir: options.dir, ...identity });
    case 'auto':
      return hasGitBinary()
        ? createLocalGit({ ...options, backend: 'cli' })
        : createLocalGit({ ...options, backend: 'isomorphic' });
    default:
      throw new ConfigError(
        `git backend ${JSON.stringify(backend)} is unknown: use 'cli', 'isomorphic' or 'auto'`,
        {
          details: { backend },
        },
      );
  }
}
