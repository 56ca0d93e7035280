import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EnvSource } from '../execution/command-env.js';
import { createCliContext } from '../git/cli-context.js';
import { isDependencyFile } from './dependency-files.js';

/** Every dependency-defining file of a working tree: repository path → sha256 of its bytes. */
export type DependencyFingerprint = ReadonlyMap<string, string>;

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

async function hashFile(path: string): Promise<string | null> {
  try {
    return sha256(await readFile(path));
  } catch {
    return null; // deleted in the working tree, or a directory: not part of the tree
  }
}

/**
 * Reads the dependency files a working tree has now (tracked and untracked-but-not-ignored,
 * so an edited or new manifest counts), outside the given dependency directories.
 */
export async function readDependencyFingerprint(
  root: string,
  options: { readonly parentEnv?: EnvSource; readonly excludeDirs?: readonly string[] } = {},
): Promise<DependencyFingerprint> {
  const listing = await createCliContext(root, options.parentEnv).text([
    'ls-files',
    '-z',
    '--cached',
    '--others',
    '--exclude-standard',
  ]);
  const excluded = (options.excludeDirs ?? []).map((dir) => `${dir}/`);
  const paths = [...new Set(listing.split('\0'))].filter(
    (path) => path !== '' && isDependencyFile(path) && !excluded.some((dir) => path.startsWith(dir)),
  );
  const hashes = await Promise.all(paths.map((path) => hashFile(join(root, path))));
  const fingerprint = new Map<string, string>();
  paths.forEach((path, index) => {
    const hash = hashes[index];
    if (hash) fingerprint.set(path, hash);
  });
  return fingerprint;
}

export function sameFingerprint(a: DependencyFingerprint, b: DependencyFingerprint): boolean {
  if (a.size !== b.size) return false;
  for (const [path, hash] of a) if (b.get(path) !== hash) return false;
  return true;
}

/** The dependency cache key: the files' contents plus whatever else changes an install (command, platform). */
export function fingerprintKey(fingerprint: DependencyFingerprint, context: readonly string[]): string {
  const lines = [...fingerprint]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([p, h]) => `${h} ${p}`);
  return sha256([...context, ...lines].join('\n')).slice(0, 32);
}
