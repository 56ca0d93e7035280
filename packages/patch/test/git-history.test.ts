import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FileMode, gitBlobId } from '@healing/adapters';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPatch } from '../src/apply-patch.js';
import type { FileView } from '../src/types.js';
import { createBlobReader } from './support/cat-file.js';
import { GIT_ENV, git, gitText } from './support/git.js';

// The checkout this test file lives in: its own history is the corpus.
const repo = gitText(dirname(fileURLToPath(import.meta.url)), ['rev-parse', '--show-toplevel']);
const EMPTY_TREE = gitText(repo, ['hash-object', '-t', 'tree', '/dev/null']);
const scratch = mkdtempSync(join(tmpdir(), 'healing-patch-history-'));
mkdirSync(join(scratch, 'objects'));
const objects = gitText(repo, ['rev-parse', '--path-format=absolute', '--git-path', 'objects']);
// Trees are written to a scratch object store that borrows the repository's objects: the
// checkout's .git is never written to.
const scratchEnv: NodeJS.ProcessEnv = {
  ...GIT_ENV,
  GIT_INDEX_FILE: join(scratch, 'index'),
  GIT_OBJECT_DIRECTORY: join(scratch, 'objects'),
  GIT_ALTERNATE_OBJECT_DIRECTORIES: objects,
};
const blobs = createBlobReader(repo);

afterAll(() => {
  blobs.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface TreeEntry {
  mode: string;
  id: string;
}

function listTree(treeish: string): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  const out = git(repo, ['ls-tree', '-r', '-z', '--full-tree', treeish]).toString('utf8');
  for (const record of out.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, , id] = record.slice(0, tab).split(' ');
    entries.set(record.slice(tab + 1), { mode: mode as string, id: id as string });
  }
  return entries;
}

function viewOf(tree: Map<string, TreeEntry>): FileView {
  return {
    async read(path) {
      const entry = tree.get(path);
      if (!entry) return null;
      return { content: await blobs.read(entry.id), mode: entry.mode as FileMode };
    },
  };
}

/** git's tree id for `entries`, through a scratch index and `git write-tree`. */
function writeTree(entries: Map<string, TreeEntry>): string {
  rmSync(join(scratch, 'index'), { force: true });
  const info = [...entries].map(([path, { mode, id }]) => `${mode} ${id}\t${path}\0`).join('');
  git(repo, ['update-index', '-z', '--index-info'], { input: info, env: scratchEnv });
  return git(repo, ['write-tree', '--missing-ok'], { env: scratchEnv }).toString().trim();
}

// Every commit reachable from HEAD, oldest first, with its first parent when the clone has it
// (a shallow clone's oldest commits have none and are applied onto the empty tree).
const commits = gitText(repo, ['rev-list', '--reverse', '--topo-order', '--parents', 'HEAD'])
  .split('\n')
  .map((line) => line.split(' '))
  .map(([commit, parent]) => ({ commit: commit as string, parent: parent ?? EMPTY_TREE }));

describe(`this repository's history (${commits.length} commits)`, () => {
  it('applies every commit onto its parent and reaches git tree ids', { timeout: 300_000 }, async () => {
    let applied = 0;
    for (const { commit, parent } of commits) {
      const patch = git(repo, ['diff', '--binary', '-M', '-C', parent, commit]);
      const tree = listTree(parent);
      const want = gitText(repo, ['rev-parse', `${commit}^{tree}`]);
      if (patch.length > 0) {
        const { changes } = await applyPatch(patch, viewOf(tree));
        for (const change of changes) {
          if (change.kind === 'delete') tree.delete(change.path);
          else tree.set(change.path, { mode: change.mode, id: gitBlobId(change.content) });
        }
      }
      expect({ commit, tree: writeTree(tree) }).toEqual({ commit, tree: want });
      applied += 1;
    }
    expect(applied).toBe(commits.length);
    expect(applied).toBeGreaterThan(0);
  });
});
