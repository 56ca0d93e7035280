import { stat } from 'node:fs/promises';
import { sqliteFilesOf } from './reset-sqlite-cache.js';

export interface SqliteCacheStats {
  readonly path: string;
  /** Entries that have not expired. */
  readonly entries: number;
  /** The database plus its -wal and -shm files. */
  readonly bytesOnDisk: number;
  readonly files: ReadonlyArray<{ readonly path: string; readonly bytes: number }>;
}

export async function measureSqliteFiles(
  path: string,
): Promise<Pick<SqliteCacheStats, 'bytesOnDisk' | 'files'>> {
  const files: Array<{ path: string; bytes: number }> = [];
  for (const file of sqliteFilesOf(path)) {
    try {
      files.push({ path: file, bytes: (await stat(file)).size });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return { bytesOnDisk: files.reduce((total, file) => total + file.bytes, 0), files };
}
