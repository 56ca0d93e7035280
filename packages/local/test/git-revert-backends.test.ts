import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCliGit } from '../src/git/cli-git.js';
import { createIsomorphicGitInThread } from '../src/git/iso-git.js';
import { createRepository, type GitRepository, git } from './git-fixture.js';

// The contract's revert cases never rename; here git's merge-ort (the CLI backend) and the
// JavaScript merge (isomorphic-git) meet renames, where git revert itself would follow them.
// Both must merge per file alike: a file renamed away is a modify/delete conflict.
const repositories: GitRepository[] = [];
afterEach(async () => {
  for (const repository of repositories.splice(0)) await repository.cleanup();
});

const lines = (word: string, count: number, changed: Record<number, string> = {}) =>
  Array.from({ length: count }, (_, index) => `${changed[index + 1] ?? `${word} line ${index + 1}`}\n`).join(
    '',
  );

async function commit(dir: string, message: string, files: Record<string, string | null>): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) git(dir, 'rm', '--quiet', '--', path);
    else {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), content);
      git(dir, 'add', '--', path);
    }
  }
  git(dir, 'commit', '--quiet', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/** `paths` as `git apply --cached` of `patch` onto `onto` leaves them, in a scratch index. */
function applied(dir: string, onto: string, patch: string, paths: readonly string[]): string {
  const env = {
    ...process.env,
    GIT_INDEX_FILE: join(tmpdir(), `healing-revert-${process.pid}-${Date.now()}`),
  };
  execFileSync('git', ['read-tree', onto], { cwd: dir, env });
  if (patch !== '')
    execFileSync('git', ['apply', '--cached', '--binary', '-'], { cwd: dir, env, input: patch });
  return execFileSync('git', ['ls-files', '--stage', '--', ...paths], { cwd: dir, env, encoding: 'utf8' });
}

describe('revertPatch across renames', () => {
  it('merges per file on the git CLI and on isomorphic-git alike', async () => {
    const repository = await createRepository();
    repositories.push(repository);
    const { dir } = repository;
    await commit(dir, 'before', {
      'moved-by-culprit.txt': lines('alpha', 8),
      'moved-later.txt': lines('bravo', 8),
      'replaced.txt': lines('charlie', 8),
    });
    const culprit = await commit(dir, 'culprit', {
      'moved-by-culprit.txt': null,
      'renamed.txt': lines('alpha', 8),
      'moved-later.txt': lines('bravo', 8, { 2: 'bravo culprit' }),
      'replaced.txt': null,
      'replacement.txt': lines('charlie', 8, { 8: 'charlie replaced' }),
    });
    await commit(dir, 'later', {
      'renamed.txt': lines('alpha', 8, { 6: 'alpha later' }),
      'moved-later.txt': null,
      'elsewhere.txt': lines('bravo', 8, { 2: 'bravo culprit' }),
    });
    const onto = git(dir, 'rev-parse', 'HEAD').trim();
    const objectsBefore = git(dir, 'count-objects', '-v');
    const cli = await createCliGit({ dir }).revertPatch(culprit, { onto });
    const iso = await createIsomorphicGitInThread({ dir }).revertPatch(culprit, { onto });
    expect(cli.files).toEqual([
      { path: 'moved-by-culprit.txt', status: 'reverted' },
      { path: 'moved-later.txt', status: 'conflict' },
      { path: 'renamed.txt', status: 'conflict' },
      { path: 'replaced.txt', status: 'reverted' },
      { path: 'replacement.txt', status: 'reverted' },
    ]);
    const objectsAfter = git(dir, 'count-objects', '-v');
    expect(iso.files).toEqual(cli.files);
    const paths = cli.files.map((file) => file.path);
    const fromCli = applied(dir, onto, cli.patch, paths);
    expect(applied(dir, onto, iso.patch, paths)).toBe(fromCli);
    expect(fromCli).toMatch(/\tmoved-by-culprit\.txt$/m);
    expect(fromCli).toMatch(/\treplaced\.txt$/m);
    expect(fromCli).not.toMatch(/\treplacement\.txt$/m);
    // Nothing was written: no index, no working tree change, no new object left behind.
    expect(git(dir, 'status', '--porcelain')).toBe('');
    expect(git(dir, 'rev-parse', 'HEAD').trim()).toBe(onto);
    expect(objectsAfter).toBe(objectsBefore);
  });
});
