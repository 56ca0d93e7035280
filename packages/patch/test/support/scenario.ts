import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Files, git, gitText, repoWith, writeFiles } from './git.js';

export interface GitScenario {
  readonly repo: string;
  /** `git diff` output between the two commits, as bytes. */
  readonly patch: Buffer;
  readonly beforeTree: string;
  readonly afterTree: string;
}

/** Commits `before`, then `after`, and asks git for the patch between them with `flags`. */
export function gitScenario(
  before: Files,
  after: Files,
  flags: readonly string[] = ['--binary', '-M', '-C'],
): GitScenario {
  const repo = repoWith(before);
  for (const entry of readdirSync(repo))
    if (entry !== '.git') rmSync(join(repo, entry), { recursive: true, force: true });
  writeFiles(repo, after);
  git(repo, ['add', '-A']);
  git(repo, ['commit', '-q', '--allow-empty', '-m', 'after']);
  return {
    repo,
    patch: git(repo, ['diff', ...flags, 'HEAD~1', 'HEAD']),
    beforeTree: gitText(repo, ['rev-parse', 'HEAD~1^{tree}']),
    afterTree: gitText(repo, ['rev-parse', 'HEAD^{tree}']),
  };
}
