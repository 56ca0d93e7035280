import type { FileMode } from '@healing/adapters';
import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { statusOf, toGitHubError } from '../errors/github-request-error.js';
import { isFileEntry } from '../tree/tree-entries.js';
import type { TreeReader } from '../tree/tree-reader.js';

export interface FileEntry {
  readonly sha: string;
  readonly mode: FileMode;
  readonly size?: number;
}

/** The blob id and mode of a file on a branch (null when absent or not a file), walking its directories. */
export async function readFileEntry(
  trees: TreeReader,
  branch: string,
  path: string,
): Promise<FileEntry | null> {
  const root = await trees.entries(branch);
  const entry = await trees.entryAt(root.sha, path);
  if (!entry || !isFileEntry(entry)) return null;
  return { sha: entry.sha, mode: entry.mode, ...(entry.size === undefined ? {} : { size: entry.size }) };
}

/**
 * A file's bytes through the contents API; null when the answer is not that blob (GitHub
 * follows symlinks, omits content past 1 MB, or the branch moved between requests).
 */
export async function readContents(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  branch: string,
  path: string,
): Promise<{ sha: string; content: Uint8Array } | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...coordinates, path, ref: branch });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
    if (data.encoding !== 'base64' || (data.content === '' && data.size > 0)) return null;
    return { sha: data.sha, content: new Uint8Array(Buffer.from(data.content, 'base64')) };
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw toGitHubError(error, `reading ${path} from ${coordinates.owner}/${coordinates.repo}@${branch}`);
  }
}

/** Any blob by id, up to 100 MB: the fallback for large files and symlinks. */
export async function readBlob(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  sha: string,
): Promise<Uint8Array> {
  try {
    const { data } = await octokit.rest.git.getBlob({ ...coordinates, file_sha: sha });
    return new Uint8Array(Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'));
  } catch (error) {
    throw toGitHubError(
      error,
      `reading blob ${sha.slice(0, 12)} of ${coordinates.owner}/${coordinates.repo}`,
    );
  }
}
