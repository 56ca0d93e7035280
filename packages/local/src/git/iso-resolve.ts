import { assertRevision, revisionNotFound } from './git-names.js';
import { type IsoContext, isIsoNotFound } from './iso-context.js';

const FULL_SHA = /^[0-9a-f]{40}$/;
const SHORT_SHA = /^[0-9a-f]{4,39}$/;

async function peelToCommit(context: IsoContext, oid: string): Promise<string> {
  const { git, fs, dir, cache } = context;
  const { type, object } = await git.readObject({ fs, dir, oid, cache });
  if (type === 'commit') return oid;
  if (type === 'tag') return peelToCommit(context, (object as { object: string }).object);
  throw new Error(`${oid} is a ${type}, not a commit`);
}

async function resolveBase(context: IsoContext, name: string): Promise<string> {
  const { git, fs, dir, cache } = context;
  if (FULL_SHA.test(name)) return peelToCommit(context, name);
  try {
    return await peelToCommit(context, await git.resolveRef({ fs, dir, ref: name }));
  } catch (error) {
    if (!SHORT_SHA.test(name) || !isIsoNotFound(error)) throw error;
  }
  return peelToCommit(context, await git.expandOid({ fs, dir, oid: name, cache }));
}

/** Resolves a sha, short sha, branch, tag or HEAD, with `~N` and `^` suffixes, to a commit sha. */
export async function resolveCommit(context: IsoContext, revision: string): Promise<string> {
  assertRevision(revision);
  const match = /^(.*?)((?:~\d*|\^1?)*)$/.exec(revision);
  const base = match?.[1] ?? revision;
  const suffixes = [...(match?.[2] ?? '').matchAll(/~(\d*)|\^1?/g)];
  try {
    let sha = await resolveBase(context, base);
    for (const suffix of suffixes) {
      const steps = suffix[0].startsWith('~') ? Number(suffix[1] === '' ? 1 : suffix[1]) : 1;
      for (let step = 0; step < steps; step++) {
        const { commit } = await context.git.readCommit({
          fs: context.fs,
          dir: context.dir,
          oid: sha,
          cache: context.cache,
        });
        const parent = commit.parent[0];
        if (parent === undefined) throw new Error(`${sha} has no parent`);
        sha = parent;
      }
    }
    return sha;
  } catch (error) {
    throw revisionNotFound(revision, error);
  }
}

/** The sha of a branch, or null when it does not exist. */
export async function branchHead(context: IsoContext, branch: string): Promise<string | null> {
  try {
    return await context.git.resolveRef({ fs: context.fs, dir: context.dir, ref: `refs/heads/${branch}` });
  } catch (error) {
    if (isIsoNotFound(error)) return null;
    throw error;
  }
}
