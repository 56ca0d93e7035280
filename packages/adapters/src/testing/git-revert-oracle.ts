import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FileChange } from '../types/file-change.js';

// The git CLI with no user or system configuration: what `git revert` does by default.
const ORACLE_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: '/nonexistent',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Oracle',
  GIT_AUTHOR_EMAIL: 'oracle@example.com',
  GIT_COMMITTER_NAME: 'Oracle',
  GIT_COMMITTER_EMAIL: 'oracle@example.com',
  LC_ALL: 'C',
  GIT_LITERAL_PATHSPECS: '1',
};

/** A path's index entry as `git ls-files -s` gives it ("100644 <blob>"), or null when absent. */
export type IndexEntry = string | null;

export interface RevertOutcome {
  /** Paths `git revert --no-commit` left unmerged. */
  readonly unmerged: readonly string[];
  /** Every path's merged entry after the revert (conflicted paths excluded). */
  readonly merged: ReadonlyMap<string, IndexEntry>;
}

/**
 * A scratch repository where the git CLI replays a history and answers what `git revert`
 * and `git apply` make of it: the oracle the revert contract compares every adapter with.
 */
export interface GitRevertOracle {
  commit(message: string, changes: readonly FileChange[]): string;
  /** `git revert --no-commit sha` on a checkout of `onto`. */
  revert(sha: string, onto: string, paths: readonly string[]): RevertOutcome;
  /** Index entries of `paths` after `git apply --cached` of `patch` onto `onto`. */
  apply(onto: string, patch: string, paths: readonly string[]): Map<string, IndexEntry>;
  /** Index entries of `paths` in a commit. */
  entries(sha: string, paths: readonly string[]): Map<string, IndexEntry>;
  cleanup(): void;
}

export function createGitRevertOracle(): GitRevertOracle {
  const root = mkdtempSync(join(tmpdir(), 'healing-revert-oracle-'));
  const dir = join(root, 'work');
  const run = (args: readonly string[], options: { input?: string; env?: Record<string, string> } = {}) =>
    execFileSync('git', args, {
      cwd: dir,
      env: { ...ORACLE_ENV, ...options.env },
      input: options.input ?? '',
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    }).toString('utf8');
  mkdirSync(dir);
  run(['init', '--quiet', '--initial-branch=main']);
  writeFileSync(join(dir, 'oracle.txt'), 'the oracle repository\n');
  run(['add', '--all']);
  run(['commit', '--quiet', '-m', 'oracle']);

  const listEntries = (paths: readonly string[], env: Record<string, string> = {}) => {
    const output = run(['ls-files', '--stage', '-z', '--', ...paths], { env });
    const entries = new Map<string, IndexEntry>(paths.map((path) => [path, null]));
    for (const record of output.split('\0').filter((line) => line !== '')) {
      const [meta = '', path = ''] = record.split('\t');
      const [mode, blob, stage] = meta.split(' ');
      if (stage === '0') entries.set(path, `${mode} ${blob}`);
    }
    return entries;
  };

  return {
    commit(message, changes) {
      for (const change of changes) {
        const file = join(dir, change.path);
        if (change.kind === 'delete') {
          rmSync(file, { force: true });
          continue;
        }
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, change.content);
        chmodSync(file, change.mode === '100755' ? 0o755 : 0o644);
      }
      run(['add', '--all']);
      run(['commit', '--quiet', '--allow-empty', '-m', message]);
      return run(['rev-parse', 'HEAD']).trim();
    },
    revert(sha, onto, paths) {
      run(['checkout', '--quiet', '--detach', onto]);
      let unmerged: string[] = [];
      try {
        run(['revert', '--no-commit', sha]);
      } catch {
        unmerged = run(['diff', '--name-only', '--diff-filter=U', '-z'])
          .split('\0')
          .filter((path) => path !== '')
          .sort();
      }
      const merged = listEntries(paths);
      for (const path of unmerged) merged.delete(path);
      run(['reset', '--quiet', '--hard']);
      run(['revert', '--quit']);
      return { unmerged, merged };
    },
    apply(onto, patch, paths) {
      const env = { GIT_INDEX_FILE: join(root, `apply-${Date.now()}.index`) };
      run(['read-tree', onto], { env });
      if (patch !== '') run(['apply', '--cached', '--binary', '-'], { input: patch, env });
      return listEntries(paths, env);
    },
    entries(sha, paths) {
      const env = { GIT_INDEX_FILE: join(root, `entries-${Date.now()}.index`) };
      run(['read-tree', sha], { env });
      return listEntries(paths, env);
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
