import * as fs from 'node:fs';
import { join } from 'node:path';
import { HealingError } from '@healing/adapters';

export type IsomorphicGit = typeof import('isomorphic-git');

/** What every isomorphic-git call needs: the module, fs, the directories and a shared object cache. */
export interface IsoContext {
  readonly git: IsomorphicGit;
  readonly fs: typeof fs;
  readonly dir: string;
  readonly gitdir: string;
  /** isomorphic-git's cache of parsed packfiles; shared so repeated reads don't re-parse them. */
  readonly cache: object;
}

let loaded: Promise<IsomorphicGit> | undefined;

/** isomorphic-git is loaded on first use, so the CLI backend never pays for it. */
export function loadIsomorphicGit(): Promise<IsomorphicGit> {
  loaded ??= import('isomorphic-git').then(
    (module) => (module as { default?: IsomorphicGit }).default ?? module,
    (error: unknown) => {
      loaded = undefined;
      throw new HealingError(
        'DEPENDENCY_MISSING',
        'isomorphic-git is not installed: add it with `pnpm add isomorphic-git`',
        {
          cause: error,
        },
      );
    },
  );
  return loaded;
}

export async function createIsoContext(dir: string): Promise<IsoContext> {
  return { git: await loadIsomorphicGit(), fs, dir, gitdir: join(dir, '.git'), cache: {} };
}

/** isomorphic-git's NotFoundError, by its code (its classes are not exported as values we can rely on). */
export function isIsoNotFound(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'NotFoundError'
  );
}
