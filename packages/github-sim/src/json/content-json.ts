import type { RepoState } from '../state.js';
import { repoApiUrl } from './git-data-json.js';

export type ContentType = 'file' | 'dir' | 'symlink' | 'submodule';

export function contentTypeOf(mode: string): ContentType {
  if (mode === '040000') return 'dir';
  if (mode === '120000') return 'symlink';
  if (mode === '160000') return 'submodule';
  return 'file';
}

/** The metadata GitHub lists for a path (a directory entry, or file-commit's `content`). */
export function contentEntryJson(
  base: string,
  repo: RepoState,
  ref: string,
  entry: { path: string; sha: string; size: number; type: ContentType },
) {
  const api = repoApiUrl(base, repo);
  const url = `${api}/contents/${entry.path}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = entry.type === 'dir' ? `${api}/git/trees/${entry.sha}` : `${api}/git/blobs/${entry.sha}`;
  const htmlUrl = `${base}/${repo.owner}/${repo.name}/${entry.type === 'dir' ? 'tree' : 'blob'}/${ref}/${entry.path}`;
  const downloadUrl =
    entry.type === 'file' ? `${base}/${repo.owner}/${repo.name}/raw/${ref}/${entry.path}` : null;
  return {
    type: entry.type,
    size: entry.size,
    name: entry.path.split('/').pop() ?? entry.path,
    path: entry.path,
    sha: entry.sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url: downloadUrl,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}
