import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { statusOf, toGitHubError } from '../errors/github-request-error.js';
import { type GitTreeEntry, toTreeEntries } from './tree-entries.js';

export interface TreeReader {
  /** The direct entries of a tree (by sha, or a ref name for the root), cached by sha. */
  entries(treeish: string): Promise<{ sha: string; entries: GitTreeEntry[] }>;
  /** The entry at `path` under the tree `treeSha`, or null; walks one directory per level. */
  entryAt(treeSha: string, path: string): Promise<GitTreeEntry | null>;
  /** Every entry under a tree, recursively: one request unless GitHub truncates the answer. */
  listRecursive(treeish: string): Promise<{ sha: string; entries: GitTreeEntry[]; requests: number }>;
  /**
   * Reads a whole tree recursively (one request unless truncated) and caches every directory in
   * it, so later walks cost nothing: cheaper than walking when many directories will be visited.
   */
  prime(treeSha: string): Promise<void>;
}

const MAX_CACHED_TREES = 2000;
/** Bounds the per-subtree fallback on truncated answers, so a pathological repository cannot loop. */
const MAX_FALLBACK_REQUESTS = 5000;
const SHA = /^[0-9a-f]{40}$/;

/** Reads git trees through the API. Trees are content-addressed, so a tree read once by sha never changes. */
export function createTreeReader(octokit: GitHubClient, coordinates: RepositoryCoordinates): TreeReader {
  // Promises, so concurrent walks through one directory share a single request.
  const cache = new Map<string, Promise<GitTreeEntry[]>>();
  const remember = (sha: string, entries: Promise<GitTreeEntry[]>): void => {
    if (cache.size >= MAX_CACHED_TREES) cache.delete(cache.keys().next().value ?? '');
    cache.set(sha, entries);
    entries.catch(() => cache.delete(sha));
  };

  async function fetchTree(treeish: string, recursive: boolean) {
    try {
      const { data } = await octokit.rest.git.getTree({
        ...coordinates,
        tree_sha: treeish,
        ...(recursive ? { recursive: '1' } : {}),
      });
      return { sha: data.sha, truncated: data.truncated, entries: toTreeEntries(data.tree) };
    } catch (error) {
      throw toGitHubError(error, `reading tree ${treeish} of ${coordinates.owner}/${coordinates.repo}`);
    }
  }

  async function entries(treeish: string) {
    if (SHA.test(treeish)) {
      let cached = cache.get(treeish);
      if (!cached) {
        cached = fetchTree(treeish, false).then((tree) => tree.entries);
        remember(treeish, cached);
      }
      return { sha: treeish, entries: await cached };
    }
    const tree = await fetchTree(treeish, false);
    remember(tree.sha, Promise.resolve(tree.entries));
    return { sha: tree.sha, entries: tree.entries };
  }

  async function entryAt(treeSha: string, path: string): Promise<GitTreeEntry | null> {
    const segments = path.split('/');
    let current = treeSha;
    for (const [index, segment] of segments.entries()) {
      const { entries: children } = await entries(current);
      const child = children.find((entry) => entry.path === segment);
      if (!child) return null;
      if (index === segments.length - 1) return { ...child, path };
      if (child.type !== 'tree') return null;
      current = child.sha;
    }
    return null;
  }

  async function listRecursive(treeish: string) {
    const first = await fetchTree(treeish, true);
    if (!first.truncated) return { sha: first.sha, entries: first.entries, requests: 1 };
    // GitHub cut the answer short: list the root alone, then each subtree, splitting further when needed.
    let requests = 1;
    const out: GitTreeEntry[] = [];
    const pending: Array<{ sha: string; prefix: string }> = [{ sha: first.sha, prefix: '' }];
    while (pending.length > 0) {
      if (requests > MAX_FALLBACK_REQUESTS) {
        throw toGitHubError(
          new Error(`more than ${MAX_FALLBACK_REQUESTS} tree requests`),
          `listing the truncated tree ${first.sha}`,
        );
      }
      const next = pending.shift();
      if (!next) break;
      const level = await entries(next.sha);
      requests += 1;
      for (const entry of level.entries) {
        const path = `${next.prefix}${entry.path}`;
        if (entry.type !== 'tree') {
          out.push({ ...entry, path });
          continue;
        }
        out.push({ ...entry, path });
        const sub = await fetchTree(entry.sha, true);
        requests += 1;
        if (sub.truncated) pending.push({ sha: entry.sha, prefix: `${path}/` });
        else for (const inner of sub.entries) out.push({ ...inner, path: `${path}/${inner.path}` });
      }
    }
    return { sha: first.sha, entries: out, requests };
  }

  async function prime(treeSha: string): Promise<void> {
    const { entries: all } = await listRecursive(treeSha);
    const children = new Map<string, GitTreeEntry[]>([['', []]]);
    const directories = new Map<string, string>([['', treeSha]]);
    for (const entry of all) {
      const slash = entry.path.lastIndexOf('/');
      const parent = slash < 0 ? '' : entry.path.slice(0, slash);
      const list = children.get(parent) ?? [];
      list.push({ ...entry, path: entry.path.slice(slash + 1) });
      children.set(parent, list);
      if (entry.type === 'tree') directories.set(entry.path, entry.sha);
    }
    for (const [path, sha] of directories) {
      if (!cache.has(sha)) remember(sha, Promise.resolve(children.get(path) ?? []));
    }
  }

  return { entries, entryAt, listRecursive, prime };
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404 || (error instanceof Error && 'code' in error && error.code === 'NOT_FOUND');
}
