import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TreeChange } from './git-repository.js';
import { createLineProcess, type LineProcess } from './line-process.js';
import { createObjectReader, type ObjectReader } from './object-reader.js';
import { EMPTY_TREE, writeTreeChanges } from './write-tree.js';

let dir: string;
let reader: ObjectReader;
let mktree: LineProcess;
const ZERO = '0'.repeat(40);

function git(args: string[], input?: string, indexFile?: string): string {
  const env = {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    ...(indexFile ? { GIT_INDEX_FILE: indexFile } : {}),
  };
  return execFileSync('git', [`--git-dir=${join(dir, 'repo.git')}`, ...args], {
    input,
    env,
    encoding: 'utf8',
  }).trim();
}

function blob(content: string): string {
  return git(['hash-object', '-w', '--stdin'], content);
}

/** The oracle: git's own index builds the tree from the same changes (`update-index --replace`). */
function treeByIndex(base: string | null, changes: readonly TreeChange[], round: number): string {
  const index = join(dir, `index-${round}`);
  git(base ? ['read-tree', base] : ['read-tree', '--empty'], undefined, index);
  for (const change of changes) {
    const under = git(['ls-files', '-z', '--', `${change.path}/`], undefined, index)
      .split('\0')
      .filter(Boolean);
    const removals = [change.path, ...under].map((path) => `0 ${ZERO}\t${path}\n`).join('');
    git(['update-index', '--remove', '--index-info'], removals, index);
    if (change.sha === null) continue;
    const additions =
      change.type === 'tree'
        ? git(['ls-tree', '-r', change.sha])
            .split('\n')
            .filter(Boolean)
            .map((line) => `${line.replace(/ blob /, ' ').replace('\t', `\t${change.path}/`)}\n`)
            .join('')
        : `${change.mode} ${change.sha}\t${change.path}\n`;
    if (additions) git(['update-index', '--add', '--replace', '--index-info'], additions, index);
  }
  return git(['write-tree'], undefined, index);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'write-tree-'));
  execFileSync('git', ['init', '--bare', '--quiet', join(dir, 'repo.git')]);
  reader = createObjectReader(join(dir, 'repo.git'));
  mktree = createLineProcess(join(dir, 'repo.git'), ['mktree', '--batch']);
});
afterAll(() => {
  reader.close();
  mktree.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('writeTreeChanges', () => {
  it('writes the empty tree for nothing, and a nested file into an empty base', async () => {
    expect(await writeTreeChanges(reader, mktree, null, [])).toBe(EMPTY_TREE);
    const sha = blob('x\n');
    const tree = await writeTreeChanges(reader, mktree, null, [
      { path: 'a/b/c.txt', mode: '100644', type: 'blob', sha },
    ]);
    expect(git(['ls-tree', '-r', '--name-only', tree])).toBe('a/b/c.txt');
  });

  it('agrees with git index writes on random changes: adds, edits, deletes, whole trees and file/directory swaps', async () => {
    let seed = 7;
    const random = (limit: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % limit;
    };
    const names = ['a', 'b', 'c', 'lib', 'src'];
    const pathOf = () => Array.from({ length: 1 + random(3) }, () => names[random(names.length)]).join('/');
    const baseChanges: TreeChange[] = Array.from({ length: 12 }, (_, index) => ({
      path: `${pathOf()}/f${index}.txt`,
      mode: index % 4 === 0 ? '100755' : '100644',
      type: 'blob',
      sha: blob(`base ${index}\n`),
    }));
    const base = treeByIndex(null, baseChanges, 0);
    const subtree = git(['rev-parse', `${base}:${baseChanges[0]?.path.split('/')[0] ?? 'a'}`]);
    for (let round = 1; round <= 40; round += 1) {
      const changes: TreeChange[] = [];
      for (let count = 0; count < 1 + random(5); count += 1) {
        const kind = random(6);
        const path = kind === 0 ? (baseChanges[random(baseChanges.length)]?.path ?? 'x') : pathOf();
        if (kind === 1) changes.push({ path, sha: null });
        else if (kind === 2) changes.push({ path, mode: '040000', type: 'tree', sha: subtree });
        else if (kind === 3)
          changes.push({
            path: `${baseChanges[random(baseChanges.length)]?.path ?? 'x'}/under-a-file`,
            sha: null,
          });
        else changes.push({ path, mode: '100644', type: 'blob', sha: blob(`round ${round} ${count}\n`) });
      }
      const expected = treeByIndex(base, changes, round);
      const actual = await writeTreeChanges(reader, mktree, base, changes);
      expect({ round, tree: actual }).toEqual({ round, tree: expected });
    }
  });
});
