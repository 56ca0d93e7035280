import type { FileMode } from '@healing/adapters';

/** One entry of a git tree as GitHub's trees API describes it. */
export interface GitTreeEntry {
  readonly path: string;
  readonly mode: string;
  readonly type: string;
  readonly sha: string;
  readonly size?: number;
}

export const FILE_MODE_SET: ReadonlySet<string> = new Set(['100644', '100755', '120000']);

export function isFileEntry(entry: GitTreeEntry): entry is GitTreeEntry & { readonly mode: FileMode } {
  return entry.type === 'blob' && FILE_MODE_SET.has(entry.mode);
}

/** Narrows the loosely typed entries octokit returns. */
export function toTreeEntries(
  entries: ReadonlyArray<{ path?: string; mode?: string; type?: string; sha?: string | null; size?: number }>,
): GitTreeEntry[] {
  const out: GitTreeEntry[] = [];
  for (const entry of entries) {
    if (entry.path === undefined || entry.mode === undefined || entry.type === undefined || !entry.sha)
      continue;
    out.push({
      path: entry.path,
      mode: entry.mode,
      type: entry.type,
      sha: entry.sha,
      ...(entry.size === undefined ? {} : { size: entry.size }),
    });
  }
  return out;
}

/** git's empty tree: no request is needed to know it has no entries. */
export const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
