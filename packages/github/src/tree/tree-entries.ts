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
