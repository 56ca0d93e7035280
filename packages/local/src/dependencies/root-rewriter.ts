import { isAbsolute, join, relative, sep } from 'node:path';

/** The path of `path` relative to `root` ('' for the root itself), or null when it lies outside. */
export function pathInside(root: string, path: string): string | null {
  const rel = relative(root, path);
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel;
}

/**
 * Moves paths from the tree dependencies were installed for (the checkout, or the workspace
 * that ran setup) to a workspace: in symlink targets, PATH entries and the texts that hold
 * absolute paths (console-script shebangs, `.pth` files, editable finders).
 */
export interface RootRewriter {
  readonly fromRoots: readonly string[];
  readonly toRoot: string;
  /** The same place under `toRoot`, or null when `path` lies under no from-root. */
  mapPath(path: string): string | null;
  mentionsRoot(text: string): boolean;
  rewriteText(text: string): string;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createRootRewriter(fromRoots: readonly string[], toRoot: string): RootRewriter {
  // Longest first, so /repo/sub wins over /repo; a root followed by more name characters
  // (/repo-2, /repo2) is another directory and stays.
  const roots = [...new Set(fromRoots)].sort((a, b) => b.length - a.length);
  const moved = roots.filter((root) => root !== toRoot);
  const pattern =
    moved.length === 0 ? null : new RegExp(`(?:${moved.map(escapeRegExp).join('|')})(?![\\w.@+-])`, 'g');
  return {
    fromRoots: roots,
    toRoot,
    mapPath(path) {
      for (const root of roots) {
        const rel = pathInside(root, path);
        if (rel !== null) return rel === '' ? toRoot : join(toRoot, rel);
      }
      return null;
    },
    mentionsRoot: (text) => pattern !== null && new RegExp(pattern.source).test(text),
    rewriteText: (text) => (pattern === null ? text : text.replace(pattern, toRoot)),
  };
}
