import type { FileMode } from '@healing/adapters';
import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { readBlob } from '../storage/read-file-entry.js';
import { isFileEntry } from '../tree/tree-entries.js';
import type { TreeReader } from '../tree/tree-reader.js';

export interface TreeFile {
  readonly content: Uint8Array;
  readonly mode: FileMode;
  readonly sha: string;
}

/** Reads files of one tree: a walk through cached directories, then one blob request per file. */
export interface TreeFileView {
  read(path: string): Promise<TreeFile | null>;
}

export interface BlobCache {
  read(sha: string): Promise<Uint8Array>;
}

const MAX_CACHED_BLOB_BYTES = 64 * 1024 * 1024;

/** Blobs are content-addressed: one read per id, kept until the byte budget is spent. */
export function createBlobCache(octokit: GitHubClient, coordinates: RepositoryCoordinates): BlobCache {
  const cache = new Map<string, Promise<Uint8Array>>();
  let bytes = 0;
  return {
    read(sha) {
      let blob = cache.get(sha);
      if (!blob) {
        blob = readBlob(octokit, coordinates, sha);
        cache.set(sha, blob);
        blob.then(
          (content) => {
            bytes += content.byteLength;
            if (bytes > MAX_CACHED_BLOB_BYTES) {
              cache.clear();
              bytes = 0;
            }
          },
          () => cache.delete(sha),
        );
      }
      return blob;
    },
  };
}

export function createTreeFileView(trees: TreeReader, blobs: BlobCache, treeSha: string): TreeFileView {
  return {
    async read(path) {
      const entry = await trees.entryAt(treeSha, path);
      if (!entry || !isFileEntry(entry)) return null;
      return { content: await blobs.read(entry.sha), mode: entry.mode, sha: entry.sha };
    },
  };
}
