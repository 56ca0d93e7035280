import { randomBytes } from 'node:crypto';
import { open, rename, rm, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { FileMode } from '@healing/adapters';
import { permissionsFor } from './file-mode.js';

/** Temporary files are dot files with this marker; `list` never shows them. */
export const TEMP_MARKER = '.healing-tmp-';

export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.includes(TEMP_MARKER);
}

/**
 * Writes `content` (or a symlink to it) beside `absolute` under a temporary name, flushed
 * to disk, and returns that name; `install` then renames it over the target. Split so a
 * multi-file commit can stage every file before it replaces any.
 */
export async function stageFile(absolute: string, content: Uint8Array, mode: FileMode): Promise<string> {
  const temp = join(
    dirname(absolute),
    `.${basename(absolute)}${TEMP_MARKER}${randomBytes(6).toString('hex')}`,
  );
  if (mode === '120000') {
    await symlink(Buffer.from(content), temp);
    return temp;
  }
  const handle = await open(temp, 'wx', permissionsFor(mode));
  try {
    await handle.writeFile(content);
    // The umask may have narrowed the bits given to open; set them exactly.
    await handle.chmod(permissionsFor(mode));
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  return temp;
}

/** Atomically replaces the target with a staged file, then makes the rename itself durable. */
export async function installStaged(temp: string, absolute: string): Promise<void> {
  await rename(temp, absolute);
  await syncDirectory(dirname(absolute));
}

export async function discardStaged(temp: string): Promise<void> {
  await rm(temp, { force: true });
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
