import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testStorageAdapter } from '@healing/adapters/testing';
import { afterAll } from 'vitest';
import { createFsStorage } from '../src/index.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

testStorageAdapter('fs storage', async () => {
  const root = await mkdtemp(join(tmpdir(), 'healing-fs-contract-'));
  roots.push(root);
  return createFsStorage({ root });
});
