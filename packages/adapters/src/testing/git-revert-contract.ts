import assert from 'node:assert/strict';
import { HealingError } from '../errors.js';
import type { GitAdapter } from '../git.js';
import type { FileChange, FileMode } from '../types/file-change.js';
import { type ContractCase, uniqueName } from './contract-case.js';
import type { GitContractSubject } from './git-contract.js';
import { createGitRevertOracle, type GitRevertOracle } from './git-revert-oracle.js';

const encoder = new TextEncoder();
const write = (path: string, content: string | Uint8Array, mode: FileMode = '100644'): FileChange => ({
  kind: 'write',
  path,
  content: typeof content === 'string' ? encoder.encode(content) : content,
  mode,
});
const remove = (path: string): FileChange => ({ kind: 'delete', path });
const lines = (word: string, count: number, changed: Record<number, string> = {}): string =>
  Array.from({ length: count }, (_, index) => changed[index + 1] ?? `${word} line ${index + 1}`)
    .map((line) => `${line}\n`)
    .join('');
const bytes = (length: number, at: (index: number) => number): Uint8Array =>
  Uint8Array.from({ length }, (_, index) => at(index) & 0xff);

interface Commit {
  readonly message: string;
  readonly changes: FileChange[];
}

/** The same history on a side branch of the adapter and in the oracle; returns both sets of shas. */
async function replay(
  git: GitAdapter,
  oracle: GitRevertOracle,
  commits: readonly Commit[],
): Promise<{ branch: string; shas: string[]; oracleShas: string[] }> {
  const branch = uniqueName('revert');
  await git.createBranch(branch, { from: await git.headSha('main') });
  const shas: string[] = [];
  const oracleShas: string[] = [];
  for (const commit of commits) {
    shas.push((await git.commit({ ...commit, branch })).sha);
    oracleShas.push(oracle.commit(commit.message, commit.changes));
  }
  return { branch, shas, oracleShas };
}

/**
 * Every kind of file a revert meets, in one culprit commit: (a) a plain change; (b) a change
 * with later changes elsewhere in the file; (c) a CHANGELOG line with later lines appended
 * right after it; (d) a line changed again later; (e) files added, one changed later; (f) files
 * deleted, one added again later; (g) binaries, one changed later, and an executable bit set
 * on a file whose text changed later; (h) a path with spaces and non-ASCII letters.
 */
function everyKindOfRevert(dir: string): { commits: Commit[]; conflicts: string[] } {
  const at = (name: string) => `${dir}/${name}`;
  const script = `#!/bin/sh\n${lines('juliet', 5)}`;
  const commits: Commit[] = [
    {
      message: 'before the culprit',
      changes: [
        write(at('clean.txt'), lines('alpha', 6)),
        write(at('far.txt'), lines('bravo', 12)),
        write(at('CHANGELOG.md'), '# Changelog\n\n## Unreleased\n\n- charlie: a first entry\n'),
        write(at('same.txt'), lines('delta', 6)),
        write(at('deleted.txt'), lines('golf', 5)),
        write(at('deleted-then-added.txt'), lines('hotel', 5)),
        write(
          at('blob.bin'),
          bytes(300, (index) => index),
        ),
        write(
          at('both.bin'),
          bytes(200, (index) => index * 7),
        ),
        write(at('run.sh'), script),
        write(at('ünïcode dir/a file with spaces.txt'), lines('kilo', 4)),
      ],
    },
    {
      message: 'the culprit',
      changes: [
        write(at('clean.txt'), lines('alpha', 6, { 3: 'alpha culprit' })),
        write(at('far.txt'), lines('bravo', 12, { 2: 'bravo culprit' })),
        write(
          at('CHANGELOG.md'),
          '# Changelog\n\n## Unreleased\n\n- charlie: a first entry\n- charlie: the culprit entry\n',
        ),
        write(at('same.txt'), lines('delta', 6, { 3: 'delta culprit' })),
        write(at('added-then-changed.txt'), lines('echo', 4)),
        write(at('added.txt'), lines('foxtrot', 3)),
        remove(at('deleted.txt')),
        remove(at('deleted-then-added.txt')),
        write(
          at('blob.bin'),
          bytes(300, (index) => 299 - index),
        ),
        write(
          at('both.bin'),
          bytes(200, (index) => index * 11),
        ),
        write(at('run.sh'), script, '100755'),
        write(at('ünïcode dir/a file with spaces.txt'), lines('kilo', 4, { 2: 'kilo culprit' })),
      ],
    },
    {
      message: 'later',
      changes: [
        write(at('far.txt'), lines('bravo', 12, { 2: 'bravo culprit', 10: 'bravo later' })),
        write(
          at('CHANGELOG.md'),
          '# Changelog\n\n## Unreleased\n\n- charlie: a first entry\n- charlie: the culprit entry\n- charlie: a later entry\n',
        ),
        write(at('same.txt'), lines('delta', 6, { 3: 'delta later' })),
        write(at('added-then-changed.txt'), lines('echo', 4, { 2: 'echo later' })),
        write(
          at('both.bin'),
          bytes(200, (index) => index * 13),
        ),
        write(at('run.sh'), `#!/bin/sh\n${lines('juliet', 5, { 5: 'juliet later' })}`, '100755'),
      ],
    },
    {
      message: 'later still',
      changes: [
        write(
          at('CHANGELOG.md'),
          '# Changelog\n\n## Unreleased\n\n- charlie: a first entry\n- charlie: the culprit entry\n- charlie: a later entry\n- charlie: another later entry\n',
        ),
        write(at('deleted-then-added.txt'), lines('india', 3)),
      ],
    },
  ];
  const conflicts = [
    'CHANGELOG.md',
    'added-then-changed.txt',
    'both.bin',
    'deleted-then-added.txt',
    'same.txt',
  ];
  return { commits, conflicts: conflicts.map(at).sort() };
}

/** The history restricted to some paths; commits left with nothing are dropped. */
function onlyPaths(commits: readonly Commit[], paths: ReadonlySet<string>): Commit[] {
  return commits
    .map((commit) => ({ ...commit, changes: commit.changes.filter((change) => paths.has(change.path)) }))
    .filter((commit) => commit.changes.length > 0);
}

async function withOracle(run: (oracle: GitRevertOracle) => Promise<void>): Promise<void> {
  const oracle = createGitRevertOracle();
  try {
    await run(oracle);
  } finally {
    oracle.cleanup();
  }
}

/** Applying `patch` to `onto` in the oracle gives exactly what `git revert` merged there. */
function assertPatchMatchesRevert(
  oracle: GitRevertOracle,
  patch: string,
  onto: string,
  culprit: string,
  paths: readonly string[],
): readonly string[] {
  const revert = oracle.revert(culprit, onto, paths);
  const applied = oracle.apply(onto, patch, paths);
  const before = oracle.entries(onto, paths);
  for (const path of paths) {
    const expected = revert.unmerged.includes(path) ? before.get(path) : revert.merged.get(path);
    assert.equal(applied.get(path), expected, `${path} after the patch differs from git revert's`);
  }
  return revert.unmerged;
}

export const gitRevertContractCases: readonly ContractCase<GitContractSubject>[] = [
  {
    name: 'revertPatch merges the revert onto later history file by file, as git revert does',
    async run({ git }) {
      await withOracle(async (oracle) => {
        const dir = uniqueName('revert-merge');
        const { commits, conflicts } = everyKindOfRevert(dir);
        const { shas, oracleShas } = await replay(git, oracle, commits);
        const [culprit = '', onto = ''] = [shas[1], shas[3]];
        const result = await git.revertPatch(culprit, { onto });
        const paths = (await git.changedFiles(culprit)).sort();
        assert.deepEqual(
          result.files.map((file) => file.path),
          paths,
        );
        const found = result.files.filter((file) => file.status === 'conflict').map((file) => file.path);
        assert.deepEqual(found, conflicts);
        const unmerged = assertPatchMatchesRevert(
          oracle,
          result.patch,
          oracleShas[3] ?? '',
          oracleShas[1] ?? '',
          paths,
        );
        assert.deepEqual(found, unmerged, 'the conflicts are the files git revert leaves unmerged');
        // Nothing was written; the adapter takes its own patch.
        assert.equal(await git.headSha(onto), onto);
        const target = uniqueName('reverted');
        const { sha } = await git.commitPatch(result.patch, {
          branch: target,
          base: onto,
          message: 'revert',
        });
        const replayed = await git.diff({ from: onto, to: sha });
        assertPatchMatchesRevert(oracle, replayed, oracleShas[3] ?? '', oracleShas[1] ?? '', paths);
      });
    },
  },
  {
    name: 'revert commits a revert that merges with later changes to the same files',
    async run({ git }) {
      await withOracle(async (oracle) => {
        const dir = uniqueName('revert-clean');
        const keep = new Set([
          `${dir}/far.txt`,
          `${dir}/run.sh`,
          `${dir}/ünïcode dir/a file with spaces.txt`,
        ]);
        const { branch, shas, oracleShas } = await replay(
          git,
          oracle,
          onlyPaths(everyKindOfRevert(dir).commits, keep),
        );
        const onto = shas[shas.length - 1] ?? '';
        const oracleOnto = oracleShas[oracleShas.length - 1] ?? '';
        const reverted = await git.revert(shas[1] ?? '', { branch });
        assert.equal(await git.headSha(branch), reverted.sha);
        const [commit] = await git.log({ to: branch, limit: 1 });
        assert.deepEqual(commit?.parents, [onto]);
        assert.match(commit?.message ?? '', /Revert "the culprit"/);
        const paths = [...keep].sort();
        const unmerged = assertPatchMatchesRevert(
          oracle,
          await git.diff({ from: onto, to: reverted.sha }),
          oracleOnto,
          oracleShas[1] ?? '',
          paths,
        );
        assert.deepEqual(unmerged, []);
        assert.match(reverted.patch, /^-bravo culprit$/m);
        assert.match(reverted.patch, /^\+bravo line 2$/m);
        assert.match(reverted.patch, /^old mode 100755$/m);
      });
    },
  },
  {
    name: 'revert refuses a revert that conflicts, naming the files, and commits nothing',
    async run({ git }) {
      const dir = uniqueName('revert-conflict');
      const keep = new Set([`${dir}/CHANGELOG.md`, `${dir}/clean.txt`]);
      const commits = onlyPaths(everyKindOfRevert(dir).commits, keep);
      const branch = uniqueName('revert');
      await git.createBranch(branch, { from: await git.headSha('main') });
      const shas: string[] = [];
      for (const commit of commits) shas.push((await git.commit({ ...commit, branch })).sha);
      const head = await git.headSha(branch);
      await assert.rejects(git.revert(shas[1] ?? '', { branch }), (error: unknown) => {
        assert.ok(error instanceof HealingError, String(error));
        assert.equal(error.code, 'PATCH_CONFLICT');
        assert.ok(error.message.includes(`${dir}/CHANGELOG.md`), error.message);
        assert.ok(!error.message.includes('clean.txt'), error.message);
        return true;
      });
      assert.equal(await git.headSha(branch), head);
      const partial = await git.revertPatch(shas[1] ?? '', { onto: head });
      assert.deepEqual(partial.files, [
        { path: `${dir}/CHANGELOG.md`, status: 'conflict' },
        { path: `${dir}/clean.txt`, status: 'reverted' },
      ]);
      assert.match(partial.patch, /^\+alpha line 3$/m);
      assert.doesNotMatch(partial.patch, /CHANGELOG/);
    },
  },
];
