import type { StatusEntry } from '@healing/adapters';

type StatusRow = readonly [string, number, number, number];

/**
 * Maps isomorphic-git's status matrix [path, HEAD, WORKDIR, STAGE] to one entry per path
 * with the same meaning as the CLI backend: the working tree against HEAD, `staged` when
 * the index already holds all of it.
 */
export function statusFromMatrix(rows: readonly StatusRow[]): StatusEntry[] {
  const entries: StatusEntry[] = [];
  for (const [path, head, workdir, stage] of rows) {
    if (head === 0 && workdir === 2 && stage === 0)
      entries.push({ path, status: 'untracked', staged: false });
    else if (head === 0 && workdir === 2) entries.push({ path, status: 'added', staged: stage === 2 });
    else if (head === 1 && workdir === 0) entries.push({ path, status: 'deleted', staged: stage === 0 });
    else if (head === 1 && workdir === 2) entries.push({ path, status: 'modified', staged: stage === 2 });
    else if (head === 1 && workdir === 1 && stage === 0)
      entries.push({ path, status: 'deleted', staged: true });
    else if (head === 1 && workdir === 1 && stage === 3)
      entries.push({ path, status: 'modified', staged: false });
  }
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
