import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FileChange } from '@healing/adapters';
import type { FileView, FileViewEntry } from '../../src/types.js';

/** A git environment that ignores the machine's configuration and fixes identities and dates. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'healing',
  GIT_AUTHOR_EMAIL: 'healing@example.invalid',
  GIT_COMMITTER_NAME: 'healing',
  GIT_COMMITTER_EMAIL: 'healing@example.invalid',
  GIT_AUTHOR_DATE: '2000-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2000-01-01T00:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function git(
  cwd: string,
  args: readonly string[],
  options: { input?: Uint8Array | string; env?: NodeJS.ProcessEnv } = {},
): Buffer {
  return execFileSync('git', ['-c', 'core.autocrlf=false', '-c', 'core.quotepath=true', ...args], {
    cwd,
    env: options.env ?? GIT_ENV,
    input: options.input,
    maxBuffer: 1024 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function gitText(cwd: string, args: readonly string[]): string {
  return git(cwd, args).toString('utf8').trim();
}

const temps: string[] = [];

export function tempDir(prefix = 'healing-patch-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function initRepo(): string {
  const repo = tempDir('healing-patch-repo-');
  git(repo, ['init', '-q']);
  return repo;
}

export type Files = Map<string, FileViewEntry>;

export function text(content: string, mode: FileViewEntry['mode'] = '100644'): FileViewEntry {
  return { content: Buffer.from(content, 'utf8'), mode };
}

/** Writes files (links as links, executables with their bit) into a directory. */
export function writeFiles(root: string, files: Files): void {
  for (const [path, entry] of files) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (entry.mode === '120000') symlinkSync(Buffer.from(entry.content), full);
    else writeFileSync(full, entry.content, { mode: entry.mode === '100755' ? 0o755 : 0o644 });
  }
}

/** Stages everything in a work tree and returns git's tree id for it. */
export function treeOfWorkTree(repo: string): string {
  git(repo, ['add', '-A']);
  return gitText(repo, ['write-tree']);
}

/** git's tree id for a set of files, built in a scratch repository. */
export function treeOfFiles(files: Files): string {
  const repo = initRepo();
  writeFiles(repo, files);
  return treeOfWorkTree(repo);
}

/** A repository with one commit holding `files`; returns its path. */
export function repoWith(files: Files): string {
  const repo = initRepo();
  writeFiles(repo, files);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '--allow-empty', '-m', 'base']);
  return repo;
}

export function memoryView(files: ReadonlyMap<string, FileViewEntry>): FileView {
  return { read: async (path) => files.get(path) ?? null };
}

/** The files after a change set, as a pure map update. */
export function withChanges(
  files: ReadonlyMap<string, FileViewEntry>,
  changes: readonly FileChange[],
): Files {
  const out = new Map(files);
  for (const change of changes) {
    if (change.kind === 'delete') out.delete(change.path);
    else out.set(change.path, { content: change.content, mode: change.mode });
  }
  return out;
}
