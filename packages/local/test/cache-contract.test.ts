import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCacheAdapter } from '@healing/adapters/testing';
import { afterAll } from 'vitest';
import { createSqliteCache } from '../dist/index.js';

const directories: string[] = [];
afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

for (const threads of [1, 2]) {
  testCacheAdapter(
    `sqlite cache, ${threads} worker thread${threads === 1 ? '' : 's'}`,
    async ({ clock }) => {
      const directory = await mkdtemp(join(tmpdir(), 'healing-cache-contract-'));
      directories.push(directory);
      const path = join(directory, 'cache.sqlite');
      const open = () => createSqliteCache({ path, threads, now: clock.now });
      return { cache: open(), reopen: async () => open() };
    },
    { timeoutMs: 30_000 },
  );
}
