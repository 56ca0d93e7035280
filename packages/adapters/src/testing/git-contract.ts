import assert from 'node:assert/strict';
import { ConflictError, HealingError } from '../errors.js';
import type { GitAdapter } from '../git.js';
import type { FileChange, FileMode } from '../types/file-change.js';
import { type ContractCase, uniqueName } from './contract-case.js';
import { gitRevertContractCases } from './git-revert-contract.js';

/** The working tree's files, for backends that have one (`capabilities.workingTree`). */
export interface WorkingTreeAccess {
  write(path: string, content: string | Uint8Array): Promise<void>;
  /** The file's text, or null when it does not exist. */
  read(path: string): Promise<string | null>;
  remove(path: string): Promise<void>;
}

/** A remote the adapter can push to (`capabilities.push`), and a way to read its branches. */
export interface RemoteAccess {
  readonly name: string;
  branchSha(branch: string): Promise<string | null>;
}

/**
 * A fresh repository with exactly one commit on `main`, checked out where there is a working
 * tree. Cases seed further history through `git.commit({ changes })` only.
 */
export interface GitContractSubject {
  readonly git: GitAdapter;
  readonly workingTree?: WorkingTreeAccess;
  readonly remote?: RemoteAccess;
  cleanup?(): Promise<void>;
}

const encoder = new TextEncoder();
const write = (path: string, content: string | Uint8Array, mode: FileMode = '100644'): FileChange => ({
  kind: 'write',
  path,
  content: typeof content === 'string' ? encoder.encode(content) : content,
  mode,
});
const remove = (path: string): FileChange => ({ kind: 'delete', path });
const SHA = /^[0-9a-f]{40}$/;

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof HealingError, `expected a HealingError ${code}, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

const hasWorkingTree = (subject: GitContractSubject): boolean =>
  subject.git.capabilities.workingTree && subject.workingTree !== undefined;

/** A side branch from main with the given commits; returns the branch, base and commit shas. */
async function seedBranch(
  git: GitAdapter,
  commits: ReadonlyArray<{ message: string; changes: FileChange[] }>,
): Promise<{ branch: string; base: string; shas: string[] }> {
  const base = await git.headSha('main');
  const branch = uniqueName('seed');
  await git.createBranch(branch, { from: base });
  const shas: string[] = [];
  for (const commit of commits) shas.push((await git.commit({ ...commit, branch })).sha);
  return { branch, base, shas };
}

/** Seeds tracked files into the checkout through the working tree and a plain commit. */
async function seedWorkingTree(subject: GitContractSubject, files: Record<string, string>): Promise<void> {
  const tree = subject.workingTree;
  assert.ok(tree);
  for (const [path, content] of Object.entries(files)) await tree.write(path, content);
  await subject.git.commit({ message: `seed ${Object.keys(files).join(', ')}` });
}

export const gitContractCases: readonly ContractCase<GitContractSubject>[] = [
  {
    name: 'resolves HEAD and main to one sha and lists main',
    async run({ git }) {
      const head = await git.headSha();
      assert.match(head, SHA);
      assert.equal(await git.headSha('main'), head);
      assert.ok((await git.listBranches()).includes('main'));
      const [commit] = await git.log({ limit: 1 });
      assert.equal(commit?.sha, head);
    },
  },
  {
    name: 'an unknown revision is NOT_FOUND',
    async run({ git }) {
      await expectCode(git.headSha(uniqueName('no-such-branch')), 'NOT_FOUND');
      await expectCode(git.headSha('0123456789abcdef0123456789abcdef01234567'), 'NOT_FOUND');
    },
  },
  {
    name: 'creates branches, refuses a duplicate and an invalid name',
    async run({ git }) {
      const name = uniqueName('feature');
      await git.createBranch(name);
      assert.equal(await git.headSha(name), await git.headSha('main'));
      const branches = await git.listBranches();
      assert.ok(branches.includes(name));
      assert.deepEqual(branches, [...branches].sort());
      await expectCode(git.createBranch(name), 'ALREADY_EXISTS');
      await expectCode(git.createBranch('bad..name'), 'INVALID_INPUT');
      await expectCode(git.createBranch(uniqueName('x'), { from: uniqueName('missing') }), 'NOT_FOUND');
    },
  },
  {
    name: 'switches branches in the working tree',
    requires: hasWorkingTree,
    async run({ git }) {
      assert.equal(await git.currentBranch(), 'main');
      const name = uniqueName('switch');
      await git.createBranch(name);
      await git.switchBranch(name);
      assert.equal(await git.currentBranch(), name);
      await expectCode(git.switchBranch(uniqueName('missing')), 'NOT_FOUND');
      assert.equal(await git.currentBranch(), name);
    },
  },
  {
    name: 'status reports untracked, modified and deleted files',
    requires: hasWorkingTree,
    async run(subject) {
      const { git, workingTree } = subject;
      assert.ok(workingTree);
      assert.deepEqual(await git.status(), []);
      const dir = uniqueName('status');
      await seedWorkingTree(subject, { [`${dir}/kept.txt`]: 'kept\n', [`${dir}/gone.txt`]: 'gone\n' });
      assert.deepEqual(await git.status(), []);
      await workingTree.write(`${dir}/new file.txt`, 'new\n');
      await workingTree.write(`${dir}/kept.txt`, 'changed\n');
      await workingTree.remove(`${dir}/gone.txt`);
      const entries = await git.status();
      assert.deepEqual(
        entries.map(({ path, status }) => ({ path, status })),
        [
          { path: `${dir}/gone.txt`, status: 'deleted' },
          { path: `${dir}/kept.txt`, status: 'modified' },
          { path: `${dir}/new file.txt`, status: 'untracked' },
        ],
      );
      assert.ok(entries.every((entry) => entry.staged === false));
    },
  },
  {
    name: 'commits the working tree and leaves it clean',
    requires: hasWorkingTree,
    async run(subject) {
      const { git, workingTree } = subject;
      assert.ok(workingTree);
      const before = await git.headSha();
      const path = `${uniqueName('wt')}/file.txt`;
      await workingTree.write(path, 'content\n');
      const { sha } = await git.commit({
        message: 'working tree commit',
        author: { name: 'Ada', email: 'ada@example.com' },
      });
      assert.match(sha, SHA);
      assert.equal(await git.headSha(), sha);
      assert.deepEqual(await git.status(), []);
      const [commit] = await git.log({ limit: 1 });
      assert.equal(commit?.message, 'working tree commit');
      assert.deepEqual(commit?.parents, [before]);
      assert.equal(commit?.author.name, 'Ada');
      assert.deepEqual(await git.changedFiles(sha), [path]);
    },
  },
  {
    name: 'a commit of changes on the checked-out branch keeps the checkout consistent',
    requires: hasWorkingTree,
    async run({ git, workingTree }) {
      assert.ok(workingTree);
      const path = `${uniqueName('sync')}/file.txt`;
      const { sha } = await git.commit({ message: 'on main', changes: [write(path, 'synced\n')] });
      assert.equal(await git.headSha('main'), sha);
      assert.equal(await workingTree.read(path), 'synced\n');
      assert.deepEqual(await git.status(), []);
    },
  },
  {
    name: 'a commit of changes on the checked-out branch never overwrites local edits',
    requires: hasWorkingTree,
    async run(subject) {
      const { git, workingTree } = subject;
      assert.ok(workingTree);
      const path = `${uniqueName('dirty')}/file.txt`;
      await seedWorkingTree(subject, { [path]: 'base\n' });
      await workingTree.write(path, 'my local edit\n');
      const head = await git.headSha('main');
      await expectCode(git.commit({ message: 'theirs', changes: [write(path, 'theirs\n')] }), 'GIT_FAILED');
      assert.equal(await git.headSha('main'), head);
      assert.equal(await workingTree.read(path), 'my local edit\n');
    },
  },
  {
    name: 'log lists commits newest first, with parents, authors and a limit',
    async run({ git }) {
      const dir = uniqueName('log');
      const author = { name: 'Grace', email: 'grace@example.com' };
      const { branch, base, shas } = await seedBranch(
        git,
        ['first', 'second', 'third'].map((message, index) => ({
          message,
          changes: [write(`${dir}/${index}.txt`, message)],
          author,
        })),
      );
      const log = await git.log({ from: base, to: branch });
      assert.deepEqual(
        log.map((commit) => commit.message),
        ['third', 'second', 'first'],
      );
      assert.deepEqual(
        log.map((commit) => commit.sha),
        [...shas].reverse(),
      );
      assert.deepEqual(
        log.map((commit) => commit.parents),
        [[shas[1]], [shas[0]], [base]],
      );
      assert.ok(log.every((commit) => commit.author.email === author.email && commit.author.date !== ''));
      assert.deepEqual(
        (await git.log({ from: base, to: branch, limit: 2 })).map((commit) => commit.message),
        ['third', 'second'],
      );
      assert.equal(await git.currentBranch(), 'main');
    },
  },
  {
    name: 'diff is git-format text, filters by path, and replays exactly through commitPatch',
    async run({ git }) {
      const dir = uniqueName('diff');
      const allBytes = new Uint8Array(256).map((_, index) => index);
      const { branch, base, shas } = await seedBranch(git, [
        {
          message: 'add',
          changes: [
            write(`${dir}/a.txt`, 'one\ntwo\nthree\n'),
            write(`${dir}/bin.dat`, allBytes),
            write(`${dir}/run.sh`, '#!/bin/sh\necho hi\n', '100755'),
          ],
        },
        { message: 'change', changes: [write(`${dir}/a.txt`, 'one\n2\nthree\n'), remove(`${dir}/bin.dat`)] },
      ]);
      const added = await git.diff({ from: base, to: shas[0] ?? '' });
      assert.match(added, new RegExp(`^diff --git a/${dir}/a.txt b/${dir}/a.txt$`, 'm'));
      assert.match(added, /^new file mode 100755$/m);
      assert.match(added, /^GIT binary patch$/m);
      const target = await git.headSha(branch);
      const text = await git.diff({ from: base, to: target });
      assert.match(text, /^\+one$/m);
      assert.doesNotMatch(text, /bin.dat/);
      const changed = await git.diff({ from: shas[0] ?? '', to: target });
      assert.match(changed, /^-two$/m);
      assert.match(changed, /^\+2$/m);
      assert.match(changed, /^deleted file mode 100644$/m);
      const filtered = await git.diff({ from: base, to: target, paths: [`${dir}/a.txt`] });
      assert.match(filtered, /a\.txt/);
      assert.doesNotMatch(filtered, /run\.sh/);
      assert.equal(await git.diff({ from: target, to: target }), '');
      const replay = uniqueName('replay');
      const { sha } = await git.commitPatch(added, { branch: replay, base, message: 'replay' });
      assert.equal(await git.diff({ from: shas[0] ?? '', to: sha }), '');
    },
  },
  {
    name: 'changedFiles lists what a commit changed against its first parent, sorted',
    async run({ git }) {
      const dir = uniqueName('changed');
      const { shas } = await seedBranch(git, [
        {
          message: 'add',
          changes: [write(`${dir}/b.txt`, 'b'), write(`${dir}/a.txt`, 'a'), write(`${dir}/c.txt`, 'c')],
        },
        { message: 'edit', changes: [write(`${dir}/c.txt`, 'c2'), remove(`${dir}/a.txt`)] },
      ]);
      assert.deepEqual(await git.changedFiles(shas[0] ?? ''), [
        `${dir}/a.txt`,
        `${dir}/b.txt`,
        `${dir}/c.txt`,
      ]);
      assert.deepEqual(await git.changedFiles(shas[1] ?? ''), [`${dir}/a.txt`, `${dir}/c.txt`]);
    },
  },
  {
    name: 'applyPatch changes the working tree all or nothing, and check changes nothing',
    requires: hasWorkingTree,
    async run(subject) {
      const { git, workingTree } = subject;
      assert.ok(workingTree);
      const dir = uniqueName('apply');
      const a = `${dir}/a.txt`;
      const b = `${dir}/b.txt`;
      await seedWorkingTree(subject, { [a]: 'a1\na2\na3\n', [b]: 'b1\nb2\nb3\n' });
      await workingTree.write(a, 'a1\nA2\na3\n');
      await workingTree.write(b, 'b1\nB2\nb3\n');
      const patch = await git.diff({ from: 'HEAD' });
      await workingTree.write(a, 'a1\na2\na3\n');
      await workingTree.write(b, 'b1\nb2\nb3\n');
      const checked = await git.applyPatch(patch, { check: true });
      assert.equal(checked.changes.length, 2);
      assert.equal(await workingTree.read(a), 'a1\na2\na3\n');
      await workingTree.write(b, 'b1\nsomeone else\nb3\n');
      await expectCode(git.applyPatch(patch), 'PATCH_CONFLICT');
      assert.equal(await workingTree.read(a), 'a1\na2\na3\n');
      await workingTree.write(b, 'b1\nb2\nb3\n');
      const applied = await git.applyPatch(patch);
      assert.deepEqual(applied.changes.map((change) => change.path).sort(), [a, b]);
      assert.equal(await workingTree.read(a), 'a1\nA2\na3\n');
      assert.equal(await workingTree.read(b), 'b1\nB2\nb3\n');
      await git.applyPatch(patch, { reverse: true });
      assert.equal(await workingTree.read(a), 'a1\na2\na3\n');
      assert.deepEqual(await git.status(), []);
    },
  },
  {
    name: 'commitPatch commits on a branch and leaves the working tree and current branch untouched',
    async run(subject) {
      const { git, workingTree } = subject;
      const dir = uniqueName('cp');
      const { base, shas } = await seedBranch(git, [
        { message: 'add', changes: [write(`${dir}/f.txt`, 'f1\n')] },
      ]);
      const patch = await git.diff({ from: base, to: shas[0] ?? '' });
      if (workingTree) await workingTree.write(`${dir}/untracked.txt`, 'mine\n');
      const branchBefore = await git.currentBranch();
      const headBefore = await git.headSha();
      const statusBefore = await git.status();
      const target = uniqueName('heal');
      const result = await git.commitPatch(patch, { branch: target, base, message: 'heal: add f' });
      assert.equal(await git.headSha(target), result.sha);
      assert.deepEqual(
        result.changes.map((change) => change.path),
        [`${dir}/f.txt`],
      );
      assert.equal(await git.diff({ from: shas[0] ?? '', to: result.sha }), '');
      assert.equal(await git.currentBranch(), branchBefore);
      assert.equal(await git.headSha(), headBefore);
      assert.deepEqual(await git.status(), statusBefore);
      if (workingTree) assert.equal(await workingTree.read(`${dir}/f.txt`), null);
      const second = await git.commitPatch(patch, { branch: target, message: 'again', reverse: true });
      const [commit] = await git.log({ to: target, limit: 1 });
      assert.deepEqual(commit?.parents, [result.sha]);
      assert.equal(await git.diff({ from: base, to: second.sha }), '');
      // Removing a file that is already gone: the patch does not apply and the branch stays.
      await assert.rejects(
        git.commitPatch(patch, { branch: target, message: 'no longer applies', reverse: true }),
        (error: unknown) => {
          assert.ok(error instanceof HealingError, String(error));
          assert.ok(['PATCH_CONFLICT', 'NOT_FOUND'].includes(error.code), error.message);
          return true;
        },
      );
      assert.equal(await git.headSha(target), second.sha);
    },
  },
  {
    name: 'revert commits the inverse of a commit',
    async run({ git }) {
      const path = `${uniqueName('revert')}/v.txt`;
      const { branch, shas } = await seedBranch(git, [
        { message: 'v1', changes: [write(path, 'v1\n')] },
        { message: 'v2', changes: [write(path, 'v2\n')] },
      ]);
      const reverted = await git.revert(shas[1] ?? '', { branch });
      assert.equal(await git.headSha(branch), reverted.sha);
      assert.match(reverted.patch, /^-v2$/m);
      assert.match(reverted.patch, /^\+v1$/m);
      assert.equal(await git.diff({ from: shas[0] ?? '', to: reverted.sha }), '');
      const [commit] = await git.log({ to: branch, limit: 1 });
      assert.deepEqual(commit?.parents, [shas[1]]);
      assert.match(commit?.message ?? '', /Revert/);
    },
  },
  {
    name: 'updateRef fast-forwards, refuses a non-fast-forward unless forced',
    async run({ git }) {
      const dir = uniqueName('ff');
      const ahead = await seedBranch(git, [{ message: 'ahead', changes: [write(`${dir}/a`, 'a')] }]);
      const other = await seedBranch(git, [{ message: 'other', changes: [write(`${dir}/b`, 'b')] }]);
      const moved = uniqueName('moved');
      await git.createBranch(moved, { from: ahead.base });
      await git.updateRef({ branch: moved, sha: ahead.shas[0] ?? '' });
      assert.equal(await git.headSha(moved), ahead.shas[0]);
      await assert.rejects(git.updateRef({ branch: moved, sha: other.shas[0] ?? '' }), (error: unknown) => {
        assert.ok(error instanceof ConflictError);
        assert.equal(error.code, 'NOT_FAST_FORWARD');
        return true;
      });
      assert.equal(await git.headSha(moved), ahead.shas[0]);
      await git.updateRef({ branch: moved, sha: other.shas[0] ?? '', force: true });
      assert.equal(await git.headSha(moved), other.shas[0]);
    },
  },
  {
    name: 'concurrent commits on one branch lose nothing (or fail typed)',
    async run({ git }) {
      const dir = uniqueName('race');
      const { branch, base } = await seedBranch(git, []);
      const paths = Array.from({ length: 6 }, (_, index) => `${dir}/${index}.txt`);
      const results = await Promise.allSettled(
        paths.map((path) => git.commit({ message: `add ${path}`, branch, changes: [write(path, path)] })),
      );
      const landed: string[] = [];
      results.forEach((result, index) => {
        if (result.status === 'fulfilled') landed.push(paths[index] ?? '');
        else {
          assert.ok(result.reason instanceof HealingError, String(result.reason));
          assert.equal(result.reason.code, 'VERSION_CONFLICT');
        }
      });
      assert.ok(landed.length > 0);
      const log = await git.log({ from: base, to: branch });
      assert.equal(log.length, landed.length);
      const text = await git.diff({ from: base, to: branch });
      for (const path of landed) assert.ok(text.includes(`b/${path}`), `${path} is missing from the branch`);
    },
  },
  {
    name: 'push updates the remote, refuses a non-fast-forward unless forced',
    requires: (subject) => subject.git.capabilities.push && subject.remote !== undefined,
    async run({ git, remote }) {
      assert.ok(remote);
      const dir = uniqueName('push');
      const first = await seedBranch(git, [{ message: 'one', changes: [write(`${dir}/a`, '1')] }]);
      await git.push({ remote: remote.name, branch: first.branch });
      assert.equal(await remote.branchSha(first.branch), first.shas[0]);
      await git.updateRef({ branch: first.branch, sha: first.base, force: true });
      const { sha } = await git.commit({
        message: 'diverged',
        branch: first.branch,
        changes: [write(`${dir}/b`, '2')],
      });
      await expectCode(git.push({ remote: remote.name, branch: first.branch }), 'NOT_FAST_FORWARD');
      assert.equal(await remote.branchSha(first.branch), first.shas[0]);
      await git.push({ remote: remote.name, branch: first.branch, force: true });
      assert.equal(await remote.branchSha(first.branch), sha);
    },
  },
  {
    name: 'a backend without pull requests says UNSUPPORTED',
    requires: (subject) => !subject.git.capabilities.pullRequests,
    async run({ git }) {
      await expectCode(
        git.openPullRequest({ head: 'a', base: 'main', title: 't', body: 'b' }),
        'UNSUPPORTED',
      );
      await expectCode(git.findPullRequest({ head: 'a' }), 'UNSUPPORTED');
    },
  },
  ...gitRevertContractCases,
];
