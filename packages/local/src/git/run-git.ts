import { spawn } from 'node:child_process';
import { HealingError } from '@healing/adapters';
import { buildCommandEnv, type EnvSource } from '../execution/command-env.js';

export interface RunGitOptions {
  readonly cwd: string;
  /** Variables for this call only (GIT_INDEX_FILE for a temporary index, author identity). */
  readonly env?: Readonly<Record<string, string>>;
  readonly input?: string | Uint8Array;
  /** Exit codes that are answers, not failures (e.g. 1 for `merge-base --is-ancestor`). */
  readonly okExitCodes?: readonly number[];
  /** Parent environment (default process.env); only an allowlist of it reaches git. */
  readonly parentEnv?: EnvSource;
}

export interface GitOutput {
  readonly stdout: Buffer;
  readonly stderr: string;
  readonly exitCode: number;
}

// No GIT_DIR, GIT_INDEX_FILE or GIT_WORK_TREE from a hook or an outer git: they would redirect every call.
const GIT_FIXED_ENV = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_OPTIONAL_LOCKS: '0',
  LC_ALL: 'C',
};

/** Runs `git` with a clean environment and `core.quotepath=false`; a failure is GIT_FAILED with git's stderr. */
export function runGit(args: readonly string[], options: RunGitOptions): Promise<GitOutput> {
  const env = {
    ...buildCommandEnv({
      source: options.parentEnv ?? process.env,
      allowEnv: ['SSH_AUTH_SOCK', 'GIT_SSH_COMMAND'],
    }),
    ...GIT_FIXED_ENV,
    ...options.env,
  };
  const fullArgs = ['-c', 'core.quotepath=false', '-c', 'color.ui=false', ...args];
  return new Promise((resolve, reject) => {
    const child = spawn('git', fullArgs, {
      cwd: options.cwd,
      env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    if (options.input !== undefined && child.stdin) {
      child.stdin.on('error', () => {});
      child.stdin.end(options.input);
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new HealingError(
          'DEPENDENCY_MISSING',
          error.code === 'ENOENT'
            ? 'the git binary was not found on PATH: install git or use the isomorphic backend'
            : `git could not start: ${error.message}`,
          { cause: error },
        ),
      );
    });
    child.on('close', (code) => {
      const exitCode = code ?? -1;
      const errorText = Buffer.concat(stderr).toString('utf8');
      if (exitCode === 0 || options.okExitCodes?.includes(exitCode)) {
        resolve({ stdout: Buffer.concat(stdout), stderr: errorText, exitCode });
        return;
      }
      const command = args.find((arg) => !arg.startsWith('-')) ?? 'git';
      reject(
        new HealingError(
          'GIT_FAILED',
          `git ${command} failed in ${options.cwd}: ${errorText.trim() || `exit code ${exitCode}`}`,
          {
            details: { args: [...args], exitCode, stderr: errorText.trim() },
          },
        ),
      );
    });
  });
}

export async function gitText(args: readonly string[], options: RunGitOptions): Promise<string> {
  return (await runGit(args, options)).stdout.toString('utf8');
}
