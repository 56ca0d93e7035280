import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FileChange, type GitIdentity, normalizeRepoPath } from '@healing/adapters';
import type { CliContext } from './cli-context.js';
import { ZERO_SHA } from './git-names.js';

/**
 * Builds the tree of `base` plus `changes` in a temporary index (GIT_INDEX_FILE), so neither
 * the repository's index nor its working tree is touched.
 */
export async function writeTreeWithChanges(
  context: CliContext,
  base: string | null,
  changes: readonly FileChange[],
): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'healing-index-'));
  const env = { GIT_INDEX_FILE: join(scratch, 'index') };
  try {
    await context.run(base === null ? ['read-tree', '--empty'] : ['read-tree', base], { env });
    const written = new Set(changes.filter((c) => c.kind === 'write').map((c) => normalizeRepoPath(c.path)));
    const lines: string[] = [];
    for (const change of changes) {
      const path = normalizeRepoPath(change.path);
      if (change.kind === 'delete') {
        lines.push(`0 ${ZERO_SHA}\t${path}\0`);
        continue;
      }
      if (change.renamedFrom !== undefined) {
        const oldPath = normalizeRepoPath(change.renamedFrom);
        if (!written.has(oldPath)) lines.push(`0 ${ZERO_SHA}\t${oldPath}\0`);
      }
      const blob = (await context.text(['hash-object', '-w', '--stdin'], { input: change.content })).trim();
      lines.push(`${change.mode} ${blob}\t${path}\0`);
    }
    // Deletions first, so a file can turn into a directory (or back) in one change set.
    lines.sort((a, b) => Number(!a.startsWith('0 ')) - Number(!b.startsWith('0 ')));
    if (lines.length > 0)
      await context.run(['update-index', '--replace', '-z', '--index-info'], { env, input: lines.join('') });
    return (await context.text(['write-tree'], { env })).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export async function commitTree(
  context: CliContext,
  tree: string,
  parents: readonly string[],
  message: string,
  author: GitIdentity,
): Promise<string> {
  const env = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: author.name,
    GIT_COMMITTER_EMAIL: author.email,
  };
  const args = ['commit-tree', tree, ...parents.flatMap((parent) => ['-p', parent]), '-F', '-'];
  return (await context.text(args, { env, input: message })).trim();
}
