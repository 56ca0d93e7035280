import { execFileSync } from 'node:child_process';

/** Identity and quiet defaults for every git and npm command a fixture runs. */
export const FIXTURE_ENV: Readonly<Record<string, string>> = {
  GIT_AUTHOR_NAME: 'Fixture Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Fixture Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

/** Runs a program to the end; its trimmed stdout, or an error with its stderr. */
export function runCommand(
  program: string,
  args: readonly string[],
  options: {
    readonly cwd: string;
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly timeoutMs?: number;
  },
): string {
  try {
    return execFileSync(program, [...args], {
      cwd: options.cwd,
      env: { ...process.env, ...FIXTURE_ENV, ...options.env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 600_000,
      maxBuffer: 64 * 1024 * 1024,
    }).trim();
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(
      `${program} ${args.join(' ')} failed in ${options.cwd}: ${(failure.stderr || failure.stdout || failure.message).slice(-2000)}`,
    );
  }
}
