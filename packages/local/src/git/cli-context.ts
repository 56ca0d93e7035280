import type { EnvSource } from '../execution/command-env.js';
import { type GitOutput, type RunGitOptions, runGit } from './run-git.js';

export type CliRunOptions = Omit<RunGitOptions, 'cwd' | 'parentEnv'>;

/** A repository directory plus a way to run git in it; what every CLI helper takes. */
export interface CliContext {
  readonly dir: string;
  run(args: readonly string[], options?: CliRunOptions): Promise<GitOutput>;
  text(args: readonly string[], options?: CliRunOptions): Promise<string>;
}

export function createCliContext(dir: string, parentEnv?: EnvSource): CliContext {
  const run = (args: readonly string[], options: CliRunOptions = {}): Promise<GitOutput> =>
    runGit(args, { ...options, cwd: dir, ...(parentEnv ? { parentEnv } : {}) });
  return {
    dir,
    run,
    async text(args, options) {
      return (await run(args, options)).stdout.toString('utf8');
    },
  };
}
