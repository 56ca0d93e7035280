import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ConflictError, HealingError } from '@healing/adapters';
import { unsupported } from './git-names.js';
import { type IsoContext, isIsoNotFound } from './iso-context.js';
import { branchHead } from './iso-resolve.js';

interface Repo {
  readonly gitdir: string;
}

/** The git directory of a remote that is a path on this machine, or null for a network URL. */
function localRemoteGitdir(url: string, dir: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !url.startsWith('file://')) return null;
  if (/^[^/]+@[^/]+:/.test(url)) return null; // scp-like ssh: user@host:path
  const path = url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
  const absolute = isAbsolute(path) ? path : resolve(dir, path);
  return existsSync(join(absolute, '.git')) ? join(absolute, '.git') : absolute;
}

async function hasObject(context: IsoContext, repo: Repo, oid: string): Promise<boolean> {
  try {
    await context.git.readObject({ fs: context.fs, gitdir: repo.gitdir, oid, format: 'deflated' });
    return true;
  } catch (error) {
    if (isIsoNotFound(error)) return false;
    throw error;
  }
}

/** Copies every object reachable from `tip` that the remote lacks; a commit it has brings its history. */
async function copyMissingObjects(context: IsoContext, remote: Repo, tip: string): Promise<void> {
  const { git, fs, dir, cache } = context;
  const pending = [tip];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const oid = pending.pop();
    if (oid === undefined || seen.has(oid)) continue;
    seen.add(oid);
    if (await hasObject(context, remote, oid)) continue;
    const object = await git.readObject({ fs, dir, oid, cache, format: 'content' });
    const { type } = object;
    if (type !== 'blob' && type !== 'tree' && type !== 'commit' && type !== 'tag') {
      throw new HealingError('INTERNAL', `object ${oid} read back as ${type}, not as content`);
    }
    await git.writeObject({
      fs,
      gitdir: remote.gitdir,
      type,
      object: object.object as Uint8Array,
      format: 'content',
    });
    if (type === 'commit') {
      const { commit } = await git.readCommit({ fs, dir, oid, cache });
      pending.push(commit.tree, ...commit.parent);
    } else if (type === 'tree') {
      const { tree } = await git.readTree({ fs, dir, oid, cache });
      for (const entry of tree) if (entry.type !== 'commit') pending.push(entry.oid);
    }
  }
}

/**
 * `git push <remote> <branch>` for remotes that are directories on this machine (isomorphic-git
 * only speaks HTTP, which healing leaves to the CLI backend). Fast-forward only unless `force`.
 * The remote ref is checked just before it is written, which is safe against writers in this
 * process only.
 */
export async function isoPush(
  context: IsoContext,
  remoteName: string,
  branch: string,
  force: boolean,
): Promise<void> {
  const { git, fs, dir, cache } = context;
  const url: unknown = await git.getConfig({ fs, dir, path: `remote.${remoteName}.url` });
  if (typeof url !== 'string') {
    throw new HealingError(
      'NOT_FOUND',
      `remote ${remoteName} is not configured in ${dir}: add it with git remote add`,
      {
        details: { remote: remoteName },
      },
    );
  }
  const gitdir = localRemoteGitdir(url, dir);
  if (gitdir === null)
    throw unsupported('the isomorphic-git backend', 'pushing over the network', 'use the CLI backend');
  const remote = { gitdir };
  const local = await branchHead(context, branch);
  if (local === null)
    throw new HealingError('NOT_FOUND', `branch ${branch} does not exist in ${dir}`, { details: { branch } });
  const readRemote = () =>
    git.resolveRef({ fs, gitdir, ref: `refs/heads/${branch}` }).catch((error: unknown) => {
      if (isIsoNotFound(error)) return null;
      throw error;
    });
  const before = await readRemote();
  if (before !== null && before !== local && !force) {
    const isFastForward = await git
      .isDescendent({ fs, dir, cache, oid: local, ancestor: before, depth: -1 })
      .catch((error: unknown) => (isIsoNotFound(error) ? false : Promise.reject(error)));
    if (!isFastForward) {
      throw new ConflictError(
        'NOT_FAST_FORWARD',
        `push of ${branch} to ${remoteName} is not a fast-forward: fetch and rebase, or pass force`,
        {
          details: { remote: remoteName, branch },
        },
      );
    }
  }
  await copyMissingObjects(context, remote, local);
  if ((await readRemote()) !== before) {
    throw new ConflictError(
      'VERSION_CONFLICT',
      `${branch} on ${remoteName} moved during the push: push again`,
      {
        details: { remote: remoteName, branch },
      },
    );
  }
  await git.writeRef({ fs, gitdir, ref: `refs/heads/${branch}`, value: local, force: true });
}
