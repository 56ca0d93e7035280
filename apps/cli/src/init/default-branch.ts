import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface DefaultBranch {
  readonly branch: string;
  /** `remote`: origin's default (refs/remotes/origin/HEAD); `current`: the branch checked out; `fallback`: neither. */
  readonly source: 'remote' | 'current' | 'fallback';
  /** Whether the checkout has an `origin` remote at all. */
  readonly hasOrigin: boolean;
}

async function git(root: string, args: readonly string[]): Promise<string | null> {
  try {
    const { stdout } = await run('git', [...args], { cwd: root });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/**
 * The branch heals target: the remote's default branch when the clone knows it and it still
 * exists (a stale origin/HEAD, left from before a rename, is skipped), else the branch the user
 * is on, else `main`.
 */
export async function defaultBranchOf(root: string): Promise<DefaultBranch> {
  const hasOrigin = (await git(root, ['remote', 'get-url', 'origin'])) !== null;
  const remoteHead = await git(root, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']);
  if (remoteHead?.startsWith('refs/remotes/origin/')) {
    const exists = await git(root, ['rev-parse', '--verify', '--quiet', `${remoteHead}^{commit}`]);
    if (exists !== null) {
      return { branch: remoteHead.slice('refs/remotes/origin/'.length), source: 'remote', hasOrigin };
    }
  }
  const current = await git(root, ['symbolic-ref', '--quiet', '--short', 'HEAD']);
  if (current !== null) return { branch: current, source: 'current', hasOrigin };
  return { branch: 'main', source: 'fallback', hasOrigin };
}

/** What `heal init` says about where the branch came from. */
export function describeDefaultBranch({ branch, source, hasOrigin }: DefaultBranch): string {
  if (source === 'remote') return `${branch} (the remote's default branch, origin/HEAD)`;
  const unknown = hasOrigin
    ? "the clone does not know origin's default; `git remote set-head origin --auto` tells it"
    : 'no origin remote';
  if (source === 'current') return `${branch} (the branch you are on: ${unknown})`;
  return `${branch} (no branch is checked out: ${unknown})`;
}
