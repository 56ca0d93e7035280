import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Fixed identity and dates: the demo repositories come out the same on every machine.
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Demo Developer',
  GIT_AUTHOR_EMAIL: 'dev@demo.invalid',
  GIT_COMMITTER_NAME: 'Demo Developer',
  GIT_COMMITTER_EMAIL: 'dev@demo.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export async function git(dir: string, args: readonly string[], date?: string): Promise<string> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...GIT_ENV,
    ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
  };
  const { stdout } = await run('git', [...args], { cwd: dir, env });
  return stdout.trim();
}

export async function initRepository(dir: string): Promise<void> {
  await git(dir, ['init', '-q', '-b', 'main']);
}

/** Stages everything and commits it; returns the new sha. */
export async function commitAll(dir: string, message: string, index: number): Promise<string> {
  await git(dir, ['add', '-A']);
  const date = new Date(Date.UTC(2026, 10, 1, 9, index)).toISOString();
  await git(dir, ['commit', '-q', '-m', message], date);
  return git(dir, ['rev-parse', 'HEAD']);
}
