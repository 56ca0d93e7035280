import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testCacheAdapter } from '@healing/adapters/testing';
import { afterAll } from 'vitest';

// The piscina worker must be compiled JS, so these tests run the built package (turbo builds
// before it tests); the types come from the source, so type-checking needs no build.
const builtPackage = new URL('../dist/index.js', import.meta.url).href;
const { createSqliteCache } = (await import(builtPackage)) as typeof import('../src/index.js');

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
