import { existsSync, realpathSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isHealingError } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorktreeWorkspaces } from '../src/workspace/worktree-workspaces.js';
import { createRepository, type GitRepository, git } from './git-fixture.js';

const repositories: GitRepository[] = [];
afterEach(async () => {
  for (const repository of repositories.splice(0)) await repository.cleanup();
});

/** A repository with two commits, a staged file and an unstaged change the workspace must never touch. */
async function busyRepository() {
  const repository = await createRepository();
  repositories.push(repository);
  const { dir } = repository;
  await writeFile(join(dir, 'app.txt'), 'v1\n');
  git(dir, 'add', 'app.txt');
  git(dir, 'commit', '--quiet', '-m', 'v1');
  const first = git(dir, 'rev-parse', 'HEAD').trim();
  await writeFile(join(dir, 'app.txt'), 'v2\n');
  git(dir, 'commit', '--quiet', '-am', 'v2');
  await writeFile(join(dir, 'staged.txt'), 'staged\n');
  git(dir, 'add', 'staged.txt');
  await writeFile(join(dir, 'app.txt'), 'local edit\n');
  const snapshot = () => ({
    head: git(dir, 'rev-parse', 'HEAD'),
    branch: git(dir, 'symbolic-ref', 'HEAD'),
    status: git(dir, 'status', '--porcelain=v1'),
    index: git(dir, 'diff', '--cached'),
  });
  return { repository, first, snapshot };
}

describe('createWorktreeWorkspaces', () => {
  it('creates a detached worktree at a revision without touching the checkout', async () => {
    const { repository, first, snapshot } = await busyRepository();
    const before = snapshot();
    const workspaces = createWorktreeWorkspaces({ repoDir: repository.dir });
    const workspace = await workspaces.create({ revision: first, label: 'try fix' });
    expect(workspace.revision).toBe(first);
    expect(workspace.dir).not.toBeNull();
    const dir = workspace.dir ?? '';
    expect(await readFile(join(dir, 'app.txt'), 'utf8')).toBe('v1\n');
    expect(existsSync(join(dir, 'staged.txt'))).toBe(false);
    expect(await workspace.git.headSha()).toBe(first);
    expect(await workspace.git.currentBranch()).toBeNull();

    const stored = await workspace.storage.read('app.txt');
    expect(new TextDecoder().decode(stored?.content)).toBe('v1\n');
    await workspace.storage.write('app.txt', 'fixed\n');
    const ran = await workspace.execution.run({
      command: [process.execPath, '-e', 'console.log(process.cwd())'],
    });
    expect(ran.stdout.trim()).toBe(realpathSync(dir));
    const patch = await workspace.git.diff({ from: 'HEAD' });
    expect(patch).toMatch(/^\+fixed$/m);

    const { sha } = await workspace.git.commitPatch(patch, {
      branch: 'healing/fix',
      base: first,
      message: 'fix',
    });
    // Branches are shared with the repository: the engine can deliver what a workspace proved.
    expect(git(repository.dir, 'rev-parse', 'healing/fix').trim()).toBe(sha);
    expect(snapshot()).toEqual(before);
    await workspace.dispose();
  });

  it('dispose removes the worktree and is safe to call twice', async () => {
    const { repository, snapshot } = await busyRepository();
    const before = snapshot();
    const workspaces = createWorktreeWorkspaces({ repoDir: repository.dir });
    const workspace = await workspaces.create({ revision: 'HEAD' });
    const dir = workspace.dir ?? '';
    expect(git(repository.dir, 'worktree', 'list', '--porcelain')).toContain(realpathSync(dir));
    await workspace.dispose();
    await workspace.dispose();
    expect(existsSync(dir)).toBe(false);
    expect(git(repository.dir, 'worktree', 'list', '--porcelain')).not.toContain(dir);
    expect(snapshot()).toEqual(before);
  });

  it('two workspaces are isolated from each other', async () => {
    const { repository, first } = await busyRepository();
    const workspaces = createWorktreeWorkspaces({ repoDir: repository.dir });
    const [a, b] = await Promise.all([
      workspaces.create({ revision: first }),
      workspaces.create({ revision: 'HEAD' }),
    ]);
    await a.storage.write('app.txt', 'only in a\n');
    expect(new TextDecoder().decode((await b.storage.read('app.txt'))?.content)).toBe('v2\n');
    expect(a.id).not.toBe(b.id);
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it('an unknown revision is NOT_FOUND and leaves no worktree behind', async () => {
    const { repository } = await busyRepository();
    const workspaces = createWorktreeWorkspaces({ repoDir: repository.dir });
    await expect(workspaces.create({ revision: 'no-such-revision' })).rejects.toSatisfy((error) =>
      isHealingError(error, 'NOT_FOUND'),
    );
    expect(git(repository.dir, 'worktree', 'list', '--porcelain').match(/^worktree /gm)?.length).toBe(1);
  });
});
