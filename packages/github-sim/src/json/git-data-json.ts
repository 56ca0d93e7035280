import type { TreeEntry } from '../git/git-repository.js';
import type { RepoState } from '../state.js';
import { nodeId } from './user-json.js';

export function repoApiUrl(base: string, repo: RepoState): string {
  return `${base}/repos/${repo.owner}/${repo.name}`;
}

/** Base64 wrapped at 60 columns, as GitHub sends blob and file content. */
export function wrappedBase64(content: Uint8Array): string {
  const encoded = Buffer.from(content).toString('base64');
  const lines: string[] = [];
  for (let index = 0; index < encoded.length; index += 60) lines.push(encoded.slice(index, index + 60));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export function blobJson(base: string, repo: RepoState, sha: string, content: Buffer) {
  return {
    sha,
    node_id: nodeId('Blob', sha),
    size: content.length,
    url: `${repoApiUrl(base, repo)}/git/blobs/${sha}`,
    content: wrappedBase64(content),
    encoding: 'base64',
  };
}

export function treeEntryJson(base: string, repo: RepoState, entry: TreeEntry) {
  const url = repoApiUrl(base, repo);
  const json: Record<string, unknown> = {
    path: entry.path,
    mode: entry.mode,
    type: entry.type,
    sha: entry.sha,
  };
  if (entry.type === 'blob') {
    json.size = entry.size ?? 0;
    json.url = `${url}/git/blobs/${entry.sha}`;
  } else if (entry.type === 'tree') {
    json.url = `${url}/git/trees/${entry.sha}`;
  }
  return json;
}

export interface TreeLimits {
  readonly maxEntries: number;
  readonly maxBytes: number;
}

/**
 * GitHub's tree answer: entries past `maxEntries`, or past `maxBytes` of JSON, are left off and
 * `truncated` is true; clients must then walk sub-trees one by one.
 */
export function treeJson(
  base: string,
  repo: RepoState,
  sha: string,
  entries: readonly TreeEntry[],
  limits: TreeLimits,
  forceTruncation = false,
) {
  const tree: Array<Record<string, unknown>> = [];
  let bytes = 0;
  let truncated = false;
  const keep = forceTruncation ? Math.floor(entries.length / 2) : entries.length;
  for (const [index, entry] of entries.entries()) {
    const json = treeEntryJson(base, repo, entry);
    bytes += JSON.stringify(json).length + 1;
    if (index >= keep || tree.length >= limits.maxEntries || bytes > limits.maxBytes) {
      truncated = true;
      break;
    }
    tree.push(json);
  }
  return {
    sha,
    url: `${repoApiUrl(base, repo)}/git/trees/${sha}`,
    tree,
    truncated: truncated || forceTruncation,
  };
}

export function gitRefJson(base: string, repo: RepoState, ref: string, sha: string, type: string) {
  const url = repoApiUrl(base, repo);
  const objectUrl = type === 'tag' ? `${url}/git/tags/${sha}` : `${url}/git/commits/${sha}`;
  return {
    ref,
    node_id: nodeId('Ref', `${repo.id}:${ref}`),
    url: `${url}/git/${ref}`,
    object: { type, sha, url: objectUrl },
  };
}
