import { readlinkSync, statSync } from 'node:fs';
import { access, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moveDirectory } from './move-directory.js';

// A second filesystem for the copy path: /dev/shm is a tmpfs on Linux.
const otherDevice = statSync(tmpdir()).dev !== statSync('/dev/shm', { throwIfNoEntry: false })?.dev;

describe('moveDirectory', () => {
  it.skipIf(!otherDevice)('moves across filesystems, keeping relative symlinks as written', async () => {
    const from = await mkdtemp(join(tmpdir(), 'healing-move-'));
    const to = await mkdtemp(join('/dev/shm', 'healing-move-'));
    try {
      await mkdir(join(from, 'node_modules', 'pkg'), { recursive: true });
      await writeFile(join(from, 'node_modules', 'pkg', 'index.js'), 'x');
      await symlink('../packages/b', join(from, 'node_modules', 'b'));
      await moveDirectory(join(from, 'node_modules'), join(to, 'tree', 'node_modules'));
      await expect(access(join(from, 'node_modules'))).rejects.toThrow(/ENOENT/);
      expect(await readFile(join(to, 'tree', 'node_modules', 'pkg', 'index.js'), 'utf8')).toBe('x');
      expect(readlinkSync(join(to, 'tree', 'node_modules', 'b'))).toBe('../packages/b');
    } finally {
      await rm(from, { recursive: true, force: true });
      await rm(to, { recursive: true, force: true });
    }
  });
});
