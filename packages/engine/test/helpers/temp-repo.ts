import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { JUNIT_RUNNER } from './junit-runner.js';

export interface TempRepo {
  readonly dir: string;
  git(...args: string[]): string;
  /** Writes files and commits them; returns the new sha. */
  commit(message: string, files: Readonly<Record<string, string>>, author?: string): string;
  cleanup(): void;
}

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Fixture Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Fixture Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
};

/** A real git repository in a temp directory, on branch main, with the JUnit runner committed. */
export function createTempRepo(files: Readonly<Record<string, string>> = {}): TempRepo {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'heal-engine-')));
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...IDENTITY } }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Fixture Author');
  git('config', 'user.email', 'author@example.com');
  git('config', 'commit.gpgsign', 'false');
  const repo: TempRepo = {
    dir,
    git,
    commit(message, changed, author) {
      for (const [path, content] of Object.entries(changed)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      git('add', '-A');
      git('commit', '-q', '--no-verify', '-m', message, ...(author ? [`--author=${author}`] : []));
      return git('rev-parse', 'HEAD');
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  repo.commit('initial', { 'run-tests.mjs': JUNIT_RUNNER, '.gitignore': 'report.xml\n', ...files });
  return repo;
}

/** The git diff a set of edits would make, computed in the repository and then undone. */
export function diffOf(repo: TempRepo, files: Readonly<Record<string, string>>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(repo.dir, path)), { recursive: true });
    writeFileSync(join(repo.dir, path), content);
  }
  repo.git('add', '-A', '--intent-to-add');
  const diff = `${repo.git('diff', '--no-color', '--no-ext-diff')}\n`;
  repo.git('reset', '-q');
  repo.git('checkout', '-q', '--', '.');
  repo.git('clean', '-fdq');
  return diff;
}

/** Lines of `git status --porcelain`, without the ignored report file. */
export function workingTreeChanges(repo: TempRepo): string[] {
  return repo
    .git('status', '--porcelain')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** Local branches named heal/*. */
export function healBranches(repo: TempRepo): string[] {
  return repo
    .git('branch', '--list', 'heal/*', '--format=%(refname:short)')
    .split('\n')
    .filter((line) => line !== '');
}
