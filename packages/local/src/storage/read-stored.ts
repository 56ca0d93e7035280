import { constants } from 'node:fs';
import { open, readlink } from 'node:fs/promises';
import { gitBlobId, type StoredFile } from '@healing/adapters';
import { gitModeOf } from './file-mode.js';

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/**
 * Reads a file or a link without following it. Content and mode come from one open file
 * handle, so a rename landing between the two cannot pair one file's bytes with another's mode.
 */
export async function readStored(absolute: string, path: string): Promise<StoredFile | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    if (code === 'ELOOP') return readLink(absolute, path);
    throw error;
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return null;
    const content = new Uint8Array(await handle.readFile());
    return { path, content, mode: gitModeOf(stats), version: gitBlobId(content) };
  } catch (error) {
    if (errorCode(error) === 'EISDIR') return null;
    throw error;
  } finally {
    await handle.close();
  }
}

async function readLink(absolute: string, path: string): Promise<StoredFile | null> {
  try {
    const content = new Uint8Array(await readlink(absolute, { encoding: 'buffer' }));
    return { path, content, mode: '120000', version: gitBlobId(content) };
  } catch (error) {
    const code = errorCode(error);
    // Replaced by a regular file or removed since the open: read what is there now.
    if (code === 'EINVAL') return readStored(absolute, path);
    if (code === 'ENOENT') return null;
    throw error;
  }
}
