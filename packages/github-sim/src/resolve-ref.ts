import type { RepoState } from './state.js';

const FULL_SHA = /^[0-9a-f]{40}$/;

/** The commit a `ref` query names: a branch, a tag, a full sha or `refs/...`; default branch when absent. */
export async function resolveCommitish(
  repo: RepoState,
  ref: string | null | undefined,
): Promise<string | null> {
  const name = ref === null || ref === undefined || ref === '' ? repo.defaultBranch : ref;
  const candidates = FULL_SHA.test(name)
    ? [name]
    : name.startsWith('refs/')
      ? [name]
      : [`refs/heads/${name}`, `refs/tags/${name}`];
  for (const candidate of candidates) {
    const object = await repo.git.readObject(`${candidate}^{commit}`);
    if (object) return object.sha;
  }
  return null;
}

export async function branchHead(repo: RepoState, branch: string): Promise<string | null> {
  const object = await repo.git.readObject(`refs/heads/${branch}^{commit}`);
  return object?.sha ?? null;
}

export function isFullSha(value: string): boolean {
  return FULL_SHA.test(value);
}
