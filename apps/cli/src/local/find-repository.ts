import { execFile } from 'node:child_process';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { HealingError, parseRepository } from '@healing/adapters';

const run = promisify(execFile);

export interface RepositoryInfo {
  /** The working tree's top directory. */
  readonly root: string;
  /** Where heal keeps its cache: inside .git, so the working tree stays untouched. */
  readonly cachePath: string;
  /** `owner/name` from the origin remote, or the directory name. */
  readonly name: string;
}

async function gitOutput(cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await run('git', [...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' },
  });
  return stdout.trim();
}

/** Finds the repository around `cwd`; a usage error when there is none, an environment error without git. */
export async function findRepository(cwd: string): Promise<RepositoryInfo> {
  let root: string;
  try {
    root = await gitOutput(cwd, ['rev-parse', '--show-toplevel']);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new HealingError(
        'ENVIRONMENT_UNSUPPORTED',
        'git is not installed or not on PATH: install git 2.30 or newer',
        {
          cause: error,
        },
      );
    }
    throw new HealingError(
      'INVALID_INPUT',
      `${cwd} is not inside a git repository: run heal in your repository's directory`,
      {
        cause: error,
      },
    );
  }
  const commonDir = resolve(root, await gitOutput(root, ['rev-parse', '--git-common-dir']));
  const origin = await gitOutput(root, ['config', '--get', 'remote.origin.url']).catch(() => '');
  const fromRemote = parseRepository(/[:/]([^/:]+\/[^/]+?)(?:\.git)?$/.exec(origin)?.[1] ?? null);
  return {
    root,
    cachePath: join(commonDir, 'heal', 'cache.sqlite'),
    name: fromRemote ? `${fromRemote.owner}/${fromRemote.name}` : basename(root),
  };
}
