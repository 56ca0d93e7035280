import { isHealingError } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { createCliGit } from '../src/git/cli-git.js';
import type { LocalGitBackend } from '../src/git/local-git.js';
import { createRepository, type GitRepository, git, gitWithInput } from './git-fixture.js';

// The isomorphic backend runs in a worker thread, which loads the compiled dist/git/iso-worker.js.
const built = new URL('../dist/index.js', import.meta.url).href;
const { createLocalGit } = (await import(built)) as typeof import('../src/index.js');

const repositories: GitRepository[] = [];
afterEach(async () => {
  for (const repository of repositories.splice(0)) await repository.cleanup();
});
async function repository(): Promise<GitRepository> {
  const created = await createRepository();
  repositories.push(created);
  return created;
}
const bytes = (text: string) => new TextEncoder().encode(text);

describe('createLocalGit', () => {
  it('picks the CLI where git exists, or the backend asked for', async () => {
    const { dir } = await repository();
    expect(createLocalGit({ dir }).name).toBe('git-cli');
    expect(createLocalGit({ dir, backend: 'cli' }).name).toBe('git-cli');
    expect(createLocalGit({ dir, backend: 'isomorphic' }).name).toBe('isomorphic-git');
    expect(() => createLocalGit({ dir, backend: 'svn' as LocalGitBackend })).toThrow(/unknown/);
  });

  it('both backends write the same commit objects for the same changes', async () => {
    const { dir } = await repository();
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    const changes = [
      { kind: 'write' as const, path: 'src/ünï cödé.txt', content: bytes('text\n'), mode: '100644' as const },
      { kind: 'write' as const, path: 'bin/run', content: bytes('#!/bin/sh\n'), mode: '100755' as const },
      { kind: 'write' as const, path: 'link', content: bytes('src/ünï cödé.txt'), mode: '120000' as const },
    ];
    const cli = createLocalGit({ dir, backend: 'cli' });
    const iso = createLocalGit({ dir, backend: 'isomorphic' });
    await cli.createBranch('via-cli', { from: base });
    await iso.createBranch('via-iso', { from: base });
    const a = await cli.commit({ message: 'same', branch: 'via-cli', changes });
    const b = await iso.commit({ message: 'same', branch: 'via-iso', changes });
    expect(git(dir, 'rev-parse', `${a.sha}^{tree}`)).toBe(git(dir, 'rev-parse', `${b.sha}^{tree}`));
    expect(git(dir, 'ls-tree', '-r', b.sha)).toMatch(/^120000 blob \w+\tlink$/m);
    expect(await cli.changedFiles(b.sha)).toEqual(await iso.changedFiles(a.sha));
    expect(await iso.changedFiles(a.sha)).toEqual(['bin/run', 'link', 'src/ünï cödé.txt']);
    // The isomorphic diff is git-format text the git CLI applies to the same tree.
    const patch = await iso.diff({ from: base, to: a.sha });
    expect(patch).toContain('new file mode 120000');
    // The index still holds base (main), so git checks the patch against exactly that tree.
    expect(() => gitWithInput(dir, patch, 'apply', '--cached', '--check', '-')).not.toThrow();
    expect(
      gitWithInput(dir, patch, '-c', 'core.quotepath=false', 'apply', '--cached', '--numstat', '-'),
    ).toMatch(/^1\t0\tsrc\/ünï cödé.txt$/m);
  });
});

describe('createCliGit', () => {
  it('ignores GIT_DIR and GIT_INDEX_FILE inherited from an outer git', async () => {
    const { dir } = await repository();
    const other = await repository();
    const env = {
      ...process.env,
      GIT_DIR: `${other.dir}/.git`,
      GIT_INDEX_FILE: `${other.dir}/.git/index`,
      GIT_WORK_TREE: other.dir,
    };
    const adapter = createCliGit({ dir, env });
    await adapter.createBranch('only-here');
    expect(git(dir, 'branch', '--list', 'only-here')).toContain('only-here');
    expect(git(other.dir, 'branch', '--list', 'only-here')).toBe('');
  });

  it('two adapters on one repository (as two processes) commit to one branch concurrently and lose nothing', async () => {
    const { dir } = await repository();
    const first = createCliGit({ dir });
    const second = createCliGit({ dir });
    await first.createBranch('shared');
    const commits = Array.from({ length: 8 }, (_, index) => {
      const adapter = index % 2 === 0 ? first : second;
      const changes = [
        {
          kind: 'write' as const,
          path: `f${index}.txt`,
          content: bytes(`${index}`),
          mode: '100644' as const,
        },
      ];
      return adapter.commit({ message: `c${index}`, branch: 'shared', changes });
    });
    const results = await Promise.allSettled(commits);
    const landed = results.filter((result) => result.status === 'fulfilled').length;
    for (const result of results) {
      if (result.status === 'rejected') expect(isHealingError(result.reason, 'VERSION_CONFLICT')).toBe(true);
    }
    expect(Number(git(dir, 'rev-list', '--count', 'main..shared').trim())).toBe(landed);
    expect(
      git(dir, 'ls-tree', '--name-only', 'shared')
        .split('\n')
        .filter((name) => /^f\d\.txt$/.test(name)),
    ).toHaveLength(landed);
    expect(landed).toBeGreaterThan(0);
  });
});

describe('createIsomorphicGit worker', () => {
  it('stops when idle and starts again on the next call', async () => {
    const { dir } = await repository();
    const { createIsomorphicGit } = (await import(built)) as typeof import('../src/index.js');
    const adapter = createIsomorphicGit({ dir, idleMs: 20 });
    const head = await adapter.headSha();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await adapter.headSha()).toBe(head);
    await expect(adapter.headSha('no-such-branch')).rejects.toSatisfy((error) =>
      isHealingError(error, 'NOT_FOUND'),
    );
  });
});

describe('git errors', () => {
  it('never carry the credentials of a remote URL', async () => {
    const { dir } = await repository();
    const token = 'ghp_remoteCredential1234567890abcdef';
    // Nothing listens on port 9 of the loopback: the push fails at once, with the URL in git's message.
    const remote = `http://x-access-token:${token}@127.0.0.1:9/repo.git`;
    const error = await createCliGit({ dir })
      .push({ remote, branch: 'main' })
      .catch((caught: unknown) => caught);
    expect(isHealingError(error, 'GIT_FAILED')).toBe(true);
    expect(JSON.stringify(error)).not.toContain(token);
    expect(String((error as Error).message)).toContain('127.0.0.1');
  });
});

describe('createIsomorphicGit push', () => {
  it('pushes to a remote on this machine so that git fsck finds the remote complete', async () => {
    const { dir, remoteDir } = await repository();
    const { createIsomorphicGit } = (await import(built)) as typeof import('../src/index.js');
    const adapter = createIsomorphicGit({ dir });
    await adapter.push({ branch: 'main' });
    const changes = [
      { kind: 'write' as const, path: 'deep/dir/new.txt', content: bytes('new\n'), mode: '100644' as const },
      {
        kind: 'write' as const,
        path: 'blob.bin',
        content: new Uint8Array([0, 1, 2, 3]),
        mode: '100644' as const,
      },
    ];
    const { sha } = await adapter.commit({ message: 'second', changes });
    await adapter.push({ remote: 'origin', branch: 'main' });
    expect(git(remoteDir, 'rev-parse', 'main').trim()).toBe(sha);
    expect(() => git(remoteDir, 'fsck', '--strict', '--no-dangling')).not.toThrow();
    expect(git(remoteDir, 'show', `${sha}:deep/dir/new.txt`)).toBe('new\n');
  });

  it('leaves network remotes to the CLI backend', async () => {
    const { dir } = await repository();
    git(dir, 'remote', 'add', 'web', 'https://127.0.0.1:9/repo.git');
    const { createIsomorphicGit } = (await import(built)) as typeof import('../src/index.js');
    await expect(createIsomorphicGit({ dir }).push({ remote: 'web', branch: 'main' })).rejects.toSatisfy(
      (error) => isHealingError(error, 'UNSUPPORTED'),
    );
    await expect(createIsomorphicGit({ dir }).push({ remote: 'nowhere', branch: 'main' })).rejects.toSatisfy(
      (error) => isHealingError(error, 'NOT_FOUND'),
    );
  });
});
