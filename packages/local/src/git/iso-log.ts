import type { CommitInfo } from '@healing/adapters';
import type { IsoContext } from './iso-context.js';

type ReadCommit = Awaited<ReturnType<IsoContext['git']['readCommit']>>['commit'];

interface QueuedCommit {
  readonly sha: string;
  readonly order: number;
  readonly time: number;
  readonly commit: ReadCommit;
}

/**
 * Commits reachable from `to` and not from `from`, newest first. Walks by committer date with
 * discovery order breaking ties, so a linear history comes out parent-after-child even when
 * every commit was made in the same second (isomorphic-git's own log can swap those).
 */
export async function isoLog(
  context: IsoContext,
  to: string,
  from: string | null,
  limit: number,
): Promise<CommitInfo[]> {
  const excluded = from === null ? new Set<string>() : await ancestors(context, from);
  const commits: CommitInfo[] = [];
  const seen = new Set<string>([to]);
  let queue: QueuedCommit[] = [];
  let order = 0;
  const enqueue = async (sha: string): Promise<void> => {
    const { commit } = await context.git.readCommit({
      fs: context.fs,
      dir: context.dir,
      oid: sha,
      cache: context.cache,
    });
    queue.push({ sha, order: order++, time: commit.committer.timestamp, commit });
  };
  if (!excluded.has(to)) await enqueue(to);
  while (queue.length > 0 && commits.length < limit) {
    queue.sort((a, b) => b.time - a.time || a.order - b.order);
    const [next, ...rest] = queue;
    queue = rest;
    if (next === undefined) break;
    const { commit } = await context.git.readCommit({
      fs: context.fs,
      dir: context.dir,
      oid: next.sha,
      cache: context.cache,
    });
    commits.push({
      sha: next.sha,
      parents: [...commit.parent],
      author: {
        name: commit.author.name,
        email: commit.author.email,
        date: new Date(commit.author.timestamp * 1000).toISOString(),
      },
      message: commit.message.replace(/\n+$/, ''),
    });
    for (const parent of commit.parent) {
      if (seen.has(parent) || excluded.has(parent)) continue;
      seen.add(parent);
      await enqueue(parent);
    }
  }
  return commits;
}

async function ancestors(context: IsoContext, sha: string): Promise<Set<string>> {
  const found = new Set<string>([sha]);
  const stack = [sha];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === undefined) break;
    const { commit } = await context.git.readCommit({
      fs: context.fs,
      dir: context.dir,
      oid: current,
      cache: context.cache,
    });
    for (const parent of commit.parent) {
      if (!found.has(parent)) {
        found.add(parent);
        stack.push(parent);
      }
    }
  }
  return found;
}
