import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { GitAdapter } from '@healing/adapters';
import type { GitContractSubject } from '@healing/adapters/testing';

const FIXTURE_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: '/nonexistent',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.com',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.com',
};

/** Runs the real git CLI (the oracle) for fixtures and assertions. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: FIXTURE_ENV,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface GitRepository {
  readonly dir: string;
  readonly remoteDir: string;
  cleanup(): Promise<void>;
}

/** A repository with one commit on main, checked out, and a bare remote named origin. */
export async function createRepository(): Promise<GitRepository> {
  const root = await mkdtemp(join(tmpdir(), 'healing-git-'));
  const dir = join(root, 'work');
  const remoteDir = join(root, 'remote.git');
  await mkdir(dir);
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', remoteDir);
  git(dir, 'init', '--quiet', '--initial-branch=main');
  await writeFile(join(dir, 'README.md'), '# fixture\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '--quiet', '-m', 'initial');
  git(dir, 'remote', 'add', 'origin', remoteDir);
  return { dir, remoteDir, cleanup: () => rm(root, { recursive: true, force: true }) };
}

export function contractSubject(repository: GitRepository, adapter: GitAdapter): GitContractSubject {
  const { dir, remoteDir } = repository;
  return {
    git: adapter,
    workingTree: {
      async write(path, content) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), content);
      },
      read: (path) => readFile(join(dir, path), 'utf8').catch(() => null),
      remove: (path) => rm(join(dir, path), { force: true }),
    },
    remote: {
      name: 'origin',
      async branchSha(branch) {
        try {
          return git(remoteDir, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`).trim();
        } catch {
          return null;
        }
      },
    },
    cleanup: repository.cleanup,
  };
}

/** Runs the git CLI with `input` on stdin (a patch for `git apply`). */
export function gitWithInput(cwd: string, input: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: FIXTURE_ENV, encoding: 'utf8', input });
}
