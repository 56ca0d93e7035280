import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext, CliRunOptions } from './cli-context.js';
import { DEFAULT_IDENTITY, ZERO_SHA } from './git-names.js';

const PATHS_PER_CALL = 1000;

/** A tree entry's "mode oid", as `ls-tree` and `update-index --index-info` write it. */
export type TreeEntries = Map<string, string>;

/**
 * Objects written while computing something that must leave the repository as it was: a
 * scratch object directory that reads the repository's through GIT_ALTERNATE_OBJECT_DIRECTORIES,
 * and a scratch index. Everything goes when `dispose` runs.
 */
export interface ScratchObjects {
  readonly env: Readonly<Record<string, string>>;
  /** Entries of `paths` in a tree-ish; paths it lacks are absent from the map. */
  entries(treeish: string, paths: readonly string[]): Promise<TreeEntries>;
  /** A tree of `base` (or nothing) with `entries` set and `removed` deleted. */
  writeTree(base: string | null, entries: TreeEntries, removed?: readonly string[]): Promise<string>;
  commitTree(tree: string, parents: readonly string[]): Promise<string>;
  dispose(): Promise<void>;
}

export async function createScratchObjects(context: CliContext): Promise<ScratchObjects> {
  const objects = (
    await context.text(['rev-parse', '--path-format=absolute', '--git-path', 'objects'])
  ).trim();
  const scratch = await mkdtemp(join(tmpdir(), 'healing-scratch-objects-'));
  await mkdir(join(scratch, 'objects'));
  const env = {
    // Paths are data, never pathspec magic (a file named "*.md" means itself).
    GIT_LITERAL_PATHSPECS: '1',
    GIT_OBJECT_DIRECTORY: join(scratch, 'objects'),
    GIT_ALTERNATE_OBJECT_DIRECTORIES: objects,
    GIT_AUTHOR_NAME: DEFAULT_IDENTITY.name,
    GIT_AUTHOR_EMAIL: DEFAULT_IDENTITY.email,
    GIT_COMMITTER_NAME: DEFAULT_IDENTITY.name,
    GIT_COMMITTER_EMAIL: DEFAULT_IDENTITY.email,
  };
  const withIndex: CliRunOptions = { env: { ...env, GIT_INDEX_FILE: join(scratch, 'index') } };
  return {
    env,
    async entries(treeish, paths) {
      const entries: TreeEntries = new Map();
      for (let start = 0; start < paths.length; start += PATHS_PER_CALL) {
        const chunk = paths.slice(start, start + PATHS_PER_CALL);
        const output = await context.text(['ls-tree', '-r', '-z', treeish, '--', ...chunk], { env });
        for (const record of output.split('\0')) {
          const tab = record.indexOf('\t');
          if (tab === -1) continue;
          const [mode, , oid] = record.slice(0, tab).split(' ');
          entries.set(record.slice(tab + 1), `${mode} ${oid}`);
        }
      }
      return entries;
    },
    async writeTree(base, entries, removed = []) {
      await context.run(base === null ? ['read-tree', '--empty'] : ['read-tree', base], withIndex);
      const lines = [
        ...removed.map((path) => `0 ${ZERO_SHA}\t${path}\0`),
        ...[...entries].map(([path, entry]) => `${entry}\t${path}\0`),
      ];
      if (lines.length > 0)
        await context.run(['update-index', '--replace', '-z', '--index-info'], {
          ...withIndex,
          input: lines.join(''),
        });
      return (await context.text(['write-tree'], withIndex)).trim();
    },
    async commitTree(tree, parents) {
      const args = [
        'commit-tree',
        tree,
        ...parents.flatMap((parent) => ['-p', parent]),
        '-m',
        'healing scratch',
      ];
      return (await context.text(args, { env })).trim();
    },
    dispose: () => rm(scratch, { recursive: true, force: true }),
  };
}
