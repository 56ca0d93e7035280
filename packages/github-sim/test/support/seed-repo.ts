import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Seed',
  GIT_AUTHOR_EMAIL: 'seed@example.test',
  GIT_COMMITTER_NAME: 'Seed',
  GIT_COMMITTER_EMAIL: 'seed@example.test',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: GIT_ENV,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }).trim();
}

export interface SeedRepo {
  readonly dir: string;
  remove(): void;
}

/** A real working repository with `files` committed on `branch`. */
export function createSeedRepo(files: Record<string, string | Uint8Array>, branch = 'main'): SeedRepo {
  const dir = mkdtempSync(join(tmpdir(), 'github-sim-seed-'));
  git(dir, 'init', '--quiet', '-b', branch);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'seed');
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Clones the simulator's bare repository with the git CLI, the way a user would fetch from GitHub. */
export function cloneFrom(bareDir: string): SeedRepo {
  const dir = mkdtempSync(join(tmpdir(), 'github-sim-clone-'));
  git(tmpdir(), 'clone', '--quiet', bareDir, dir);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
