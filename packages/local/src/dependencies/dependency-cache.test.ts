import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDependencyCache } from './dependency-cache.js';
import type { DependencyDir } from './find-dependency-dirs.js';

const roots: string[] = [];
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  roots.push(dir);
  return dir;
}

const NODE_MODULES: DependencyDir[] = [{ path: 'node_modules', kind: 'node_modules' }];
const key = (n: number): string => n.toString(16).padStart(32, '0');

/** A workspace that has just installed: node_modules with a package and a workspace link. */
async function installedWorkspace(marker: string): Promise<string> {
  const dir = await tempDir('healing-cache-ws-');
  await mkdir(join(dir, 'node_modules', 'pkg'), { recursive: true });
  await writeFile(join(dir, 'node_modules', 'pkg', 'index.js'), marker);
  await symlink('../packages/b', join(dir, 'node_modules', 'b'));
  return dir;
}

describe('createDependencyCache', () => {
  it('moves installed directories into an entry, symlinks as written, and finds it by key', async () => {
    const cache = createDependencyCache({ dir: await tempDir('healing-cache-') });
    const workspace = await installedWorkspace('one');
    const entry = await cache.store(key(1), workspace, NODE_MODULES);
    expect(existsSync(join(workspace, 'node_modules'))).toBe(false);
    expect(await readFile(join(entry.treeDir, 'node_modules', 'pkg', 'index.js'), 'utf8')).toBe('one');
    expect(readlinkSync(join(entry.treeDir, 'node_modules', 'b'))).toBe('../packages/b');
    expect(entry.installRoots).toContain(workspace);
    expect(await cache.find(key(1))).toEqual(entry);
    expect(await cache.find(key(2))).toBeNull();
  });

  it('keeps the most recently used entries, never one a live workspace uses', async () => {
    const dir = await tempDir('healing-cache-');
    let alive = true;
    const cache = createDependencyCache({ dir, maxEntries: 2, isProcessAlive: () => alive });
    const entries = [];
    for (let n = 1; n <= 4; n += 1) {
      const entry = await cache.store(key(n), await installedWorkspace(`v${n}`), NODE_MODULES);
      const usedAt = new Date(Date.UTC(2026, 0, n));
      await utimes(join(dir, key(n), 'entry.json'), usedAt, usedAt);
      entries.push(entry);
    }
    const [oldest] = entries;
    if (!oldest) throw new Error('no entry');
    const release = await cache.claim(oldest, 'ws-1'); // a use also makes it the most recent
    await utimes(
      join(dir, key(1), 'entry.json'),
      new Date(Date.UTC(2025, 0, 1)),
      new Date(Date.UTC(2025, 0, 1)),
    );
    expect(await cache.evict()).toEqual([key(2)]);
    expect(readdirSync(dir).sort()).toEqual([key(1), key(3), key(4)]);
    alive = false; // the claiming process died without releasing
    expect(await cache.evict()).toEqual([key(1)]);
    await release();
    expect(readdirSync(dir).sort()).toEqual([key(3), key(4)]);
  });

  it('when another process published the key first, returns its entry and drops its own copy', async () => {
    const dir = await tempDir('healing-cache-');
    const cache = createDependencyCache({ dir });
    const winner = await cache.store(key(7), await installedWorkspace('winner'), NODE_MODULES);
    const loser = await installedWorkspace('loser');
    expect(await cache.store(key(7), loser, NODE_MODULES)).toEqual(winner);
    expect(await readFile(join(winner.treeDir, 'node_modules', 'pkg', 'index.js'), 'utf8')).toBe('winner');
    expect(readdirSync(dir)).toEqual([key(7)]);
  });

  it('a store that fails puts back what it moved; an unreadable entry is a miss', async () => {
    const dir = await tempDir('healing-cache-');
    const cache = createDependencyCache({ dir });
    const workspace = await installedWorkspace('kept');
    await expect(
      cache.store(key(3), workspace, [...NODE_MODULES, { path: '.venv', kind: 'virtualenv' }]),
    ).rejects.toThrow(/ENOENT/);
    expect(await readFile(join(workspace, 'node_modules', 'pkg', 'index.js'), 'utf8')).toBe('kept');
    expect(readdirSync(dir)).toEqual([]);
    await mkdir(join(dir, key(4)));
    await writeFile(join(dir, key(4), 'entry.json'), '{"version": 2}');
    expect(await cache.find(key(4))).toBeNull();
  });
});
