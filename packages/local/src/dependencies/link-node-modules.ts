import { mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { copyRewrittenOrLink, exists, type MirrorContext, mirrorSymlink } from './mirror-entry.js';

/**
 * Caches tools write inside node_modules (babel, eslint and nx in `.cache`, vite and vitest in
 * `.vite`, `.vite-temp` and `.vitest`, astro in `.astro`): left out of the mirror, so a run in
 * the workspace creates its own instead of writing in the checkout's.
 */
export const NODE_MODULES_CACHE_DIRS: readonly string[] = [
  '.cache',
  '.vite',
  '.vite-temp',
  '.vitest',
  '.astro',
];
const CACHES = new Set(NODE_MODULES_CACHE_DIRS);

/**
 * `.bin` and `@scope` folders are rebuilt as real directories one level down, so their links
 * (`.bin/mocha -> ../mocha/bin/mocha.js`, `@x/b -> ../../packages/b`) resolve inside the
 * workspace; pnpm's `.bin` shims (shell scripts naming the checkout) are copied rewritten.
 */
async function mirrorFolder(source: string, target: string, context: MirrorContext): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (await exists(to)) continue;
    if (entry.isSymbolicLink()) await mirrorSymlink(from, to, context);
    else if (entry.isFile()) await copyRewrittenOrLink(from, to, context);
    else await symlink(from, to);
  }
}

/**
 * Makes `target` a real directory whose entries are symlinks to those of the node_modules at
 * `source` (packages, `.pnpm`, lock metadata such as `.package-lock.json` and `.modules.yaml`),
 * except links into the project, which reach the workspace's copy, and tool caches, left out.
 * Entries the workspace already has (tracked files) are kept.
 */
export async function linkNodeModules(source: string, target: string, context: MirrorContext): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    if (CACHES.has(entry.name)) continue;
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (await exists(to)) continue;
    if (entry.isSymbolicLink()) await mirrorSymlink(from, to, context);
    else if (entry.isDirectory() && (entry.name === '.bin' || entry.name.startsWith('@')))
      await mirrorFolder(from, to, context);
    else await symlink(from, to);
  }
}
