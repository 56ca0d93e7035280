import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RevertFile, RevertPatch } from '@healing/adapters';
import type { CliContext } from './cli-context.js';
import { DEFAULT_IDENTITY } from './git-names.js';

// Paths are data, never pathspec magic (a file named ":(top)x" or "*.md" means itself).
const LITERAL = { GIT_LITERAL_PATHSPECS: '1' };
const PATHS_PER_DIFF = 1000;
const SCRATCH_IDENTITY = {
  GIT_AUTHOR_NAME: DEFAULT_IDENTITY.name,
  GIT_AUTHOR_EMAIL: DEFAULT_IDENTITY.email,
  GIT_COMMITTER_NAME: DEFAULT_IDENTITY.name,
  GIT_COMMITTER_EMAIL: DEFAULT_IDENTITY.email,
};

const fields = (output: string): string[] => output.split('\0').filter((field) => field !== '');

/**
 * `git revert`'s merge without a checkout: two scratch commits whose only parent is `commit`
 * (one with onto's tree, one with the parent's) make `commit` their merge base, so
 * `git merge-tree --write-tree` (git 2.39 has no --merge-base) runs the very merge-ort merge,
 * histogram diff and all, that `git revert` runs. Renames are off (the revert is per file, as
 * on every other backend) and the conflict style is fixed (diff3 style would skip git's
 * conflict refinement and turn some clean merges into conflicts). Every object goes to a scratch object directory that reads the
 * repository's through GIT_ALTERNATE_OBJECT_DIRECTORIES, so the repository gains nothing.
 */
export async function cliRevertPatch(
  context: CliContext,
  commit: string,
  parent: string,
  onto: string,
): Promise<RevertPatch> {
  const changed = fields(
    await context.text(['diff', '--name-only', '--no-renames', '-z', parent, commit], { env: LITERAL }),
  ).sort();
  if (changed.length === 0) return { patch: '', files: [] };
  const objects = (
    await context.text(['rev-parse', '--path-format=absolute', '--git-path', 'objects'])
  ).trim();
  const scratch = await mkdtemp(join(tmpdir(), 'healing-revert-'));
  const env = {
    ...LITERAL,
    ...SCRATCH_IDENTITY,
    GIT_OBJECT_DIRECTORY: join(scratch, 'objects'),
    GIT_ALTERNATE_OBJECT_DIRECTORIES: objects,
  };
  try {
    await mkdir(env.GIT_OBJECT_DIRECTORY);
    const scratchCommit = async (tree: string) =>
      (await context.text(['commit-tree', tree, '-p', commit, '-m', 'healing revert side'], { env })).trim();
    const ours = await scratchCommit(`${onto}^{tree}`);
    const theirs = await scratchCommit(`${parent}^{tree}`);
    const merge = await context.run(
      [
        '-c',
        'merge.renames=false',
        '-c',
        'merge.conflictStyle=merge',
        'merge-tree',
        '--write-tree',
        '-z',
        '--name-only',
        ours,
        theirs,
      ],
      { env, okExitCodes: [1] },
    );
    // Output: the merged tree, the conflicted paths, an empty field, then messages.
    const [tree = '', ...rest] = merge.stdout.toString('utf8').split('\0');
    const end = rest.indexOf('');
    const conflicted = end === -1 ? rest : rest.slice(0, end);
    // A file/directory conflict is reported at the path git moved the file aside to (path~side).
    const conflicts = (path: string) =>
      conflicted.some(
        (other) => other === path || other.startsWith(`${path}~`) || other.startsWith(`${path}/`),
      );
    const files: RevertFile[] = changed.map((path) => ({
      path,
      status: conflicts(path) ? 'conflict' : 'reverted',
    }));
    const clean = files.filter((file) => file.status === 'reverted').map((file) => file.path);
    let patch = '';
    for (let start = 0; start < clean.length; start += PATHS_PER_DIFF) {
      const paths = clean.slice(start, start + PATHS_PER_DIFF);
      patch += await context.text(
        [
          'diff',
          '--binary',
          '--no-renames',
          '--no-ext-diff',
          '--no-textconv',
          '--src-prefix=a/',
          '--dst-prefix=b/',
          onto,
          tree.trim(),
          '--',
          ...paths,
        ],
        { env },
      );
    }
    return { patch, files };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
