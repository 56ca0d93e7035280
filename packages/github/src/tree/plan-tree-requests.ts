import type { FileChange, FileMode, FileWrite } from '@healing/adapters';

/** Bounds on one `POST /git/trees` request; past them the tree is written in chained requests. */
export interface TreeLimits {
  /** Entries per request (default 2,000). */
  readonly maxEntries?: number;
  /** Approximate JSON body bytes per request (default 5 MB). */
  readonly maxBytes?: number;
  /** Text files larger than this go through `POST /git/blobs` rather than inline (default 1 MB). */
  readonly maxInlineBytes?: number;
}

export const DEFAULT_TREE_LIMITS: Required<TreeLimits> = {
  maxEntries: 2000,
  maxBytes: 5_000_000,
  maxInlineBytes: 1_000_000,
};

/** One entry of a `POST /git/trees` body; `blob` entries get their sha once the blob is created. */
export type PlannedEntry =
  | { readonly kind: 'inline'; readonly path: string; readonly mode: FileMode; readonly content: string }
  | { readonly kind: 'blob'; readonly path: string; readonly mode: FileMode; readonly blobIndex: number }
  | { readonly kind: 'delete'; readonly path: string };

export interface TreePlan {
  /** Files that cannot travel inline (binary, not UTF-8, or large): one `POST /git/blobs` each. */
  readonly blobs: readonly FileWrite[];
  /** Each chunk is one `POST /git/trees`, based on the tree the previous chunk produced. */
  readonly chunks: readonly (readonly PlannedEntry[])[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text to send inline, or null when the bytes would not survive a JSON string unchanged. */
export function inlineText(content: Uint8Array): string | null {
  if (content.includes(0)) return null;
  try {
    return strictUtf8.decode(content);
  } catch {
    return null;
  }
}

function entryBytes(entry: PlannedEntry): number {
  const overhead = 64 + entry.path.length * 2;
  return entry.kind === 'inline' ? overhead + entry.content.length * 2 : overhead + 40;
}

/**
 * Plans the requests of a multi-file commit: which contents go as blobs, and how the tree
 * entries split into chained `POST /git/trees` requests within the limits. Deletions come first
 * in each chunk so a file replaced by a directory (or the reverse) resolves in one request.
 */
export function planTreeRequests(changes: readonly FileChange[], limits: TreeLimits = {}): TreePlan {
  const { maxEntries, maxBytes, maxInlineBytes } = { ...DEFAULT_TREE_LIMITS, ...limits };
  const blobs: FileWrite[] = [];
  const deletions: PlannedEntry[] = [];
  const writes: PlannedEntry[] = [];
  for (const change of changes) {
    if (change.kind === 'delete') {
      deletions.push({ kind: 'delete', path: change.path });
      continue;
    }
    const text = change.content.byteLength > maxInlineBytes ? null : inlineText(change.content);
    if (text === null) {
      writes.push({ kind: 'blob', path: change.path, mode: change.mode, blobIndex: blobs.length });
      blobs.push(change);
    } else {
      writes.push({ kind: 'inline', path: change.path, mode: change.mode, content: text });
    }
  }
  const chunks: PlannedEntry[][] = [];
  let current: PlannedEntry[] = [];
  let currentBytes = 0;
  for (const entry of [...deletions, ...writes]) {
    const size = entryBytes(entry);
    if (current.length > 0 && (current.length >= maxEntries || currentBytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(entry);
    currentBytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return { blobs, chunks };
}
