import { spawn } from 'node:child_process';
import { HealingError } from '@healing/adapters';

export interface RunGitOptions {
  readonly input?: Uint8Array | string;
  readonly env?: Readonly<Record<string, string>>;
  /** Exit codes that are answers, not failures (e.g. 1 for `merge-base --is-ancestor`). */
  readonly okExitCodes?: readonly number[];
}

export interface GitOutput {
  readonly stdout: Buffer;
  readonly exitCode: number;
}

// Git gets a fixed, minimal environment so the user's config and identity never leak into object ids.
const BASE_ENV: Record<string, string> = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: '/nonexistent',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  LC_ALL: 'C',
};

/** Runs `git --git-dir=<gitDir> args...` and returns its stdout; any other exit is a GIT_FAILED error. */
export function runGit(
  gitDir: string,
  args: readonly string[],
  options: RunGitOptions = {},
): Promise<GitOutput> {
  return runGitCommand([`--git-dir=${gitDir}`, ...args], options);
}

/** Runs `git args...` outside any repository (clone, init). */
export function runGitCommand(args: readonly string[], options: RunGitOptions = {}): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      env: { ...BASE_ENV, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) =>
      reject(
        new HealingError('GIT_FAILED', `git could not start: ${error.message}; is git on PATH?`, {
          cause: error,
        }),
      ),
    );
    child.on('close', (code) => {
      const exitCode = code ?? -1;
      if (exitCode === 0 || options.okExitCodes?.includes(exitCode)) {
        resolve({ stdout: Buffer.concat(stdout), exitCode });
        return;
      }
      const message = Buffer.concat(stderr).toString('utf8').trim();
      reject(
        new HealingError('GIT_FAILED', `git ${args.join(' ')} failed (exit ${exitCode}): ${message}`, {
          details: { exitCode },
        }),
      );
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

export async function gitText(
  gitDir: string,
  args: readonly string[],
  options: RunGitOptions = {},
): Promise<string> {
  return (await runGit(gitDir, args, options)).stdout.toString('utf8').trim();
}
