import { ConflictError, isHealingError } from '@healing/adapters';
import type { CliContext } from './cli-context.js';
import { ZERO_SHA } from './git-names.js';
import { localChangesError } from './local-changes-error.js';

async function isCheckedOut(context: CliContext, branch: string): Promise<boolean> {
  const head = await context.run(['symbolic-ref', '--quiet', 'HEAD'], { okExitCodes: [1] });
  return head.stdout.toString('utf8').trim() === `refs/heads/${branch}`;
}

/**
 * Moves `branch` from `oldSha` (null: must not exist) to `newSha` atomically: git's own
 * compare-and-swap refuses when someone moved it meanwhile (VERSION_CONFLICT). When the
 * branch is checked out, the index and working tree follow (a two-tree merge that refuses
 * to overwrite local changes), so the checkout never shows the commit as undone.
 */
export async function moveBranch(
  context: CliContext,
  branch: string,
  newSha: string,
  oldSha: string | null,
): Promise<void> {
  const follow = oldSha !== null && (await isCheckedOut(context, branch));
  if (follow) {
    await context.run(['read-tree', '-m', '-u', '--dry-run', oldSha, newSha]).catch((error: unknown) => {
      throw localChangesError(context.dir, branch, error);
    });
  }
  try {
    await context.run(['update-ref', '-m', 'healing', `refs/heads/${branch}`, newSha, oldSha ?? ZERO_SHA]);
  } catch (error) {
    if (isHealingError(error, 'GIT_FAILED')) {
      throw new ConflictError(
        'VERSION_CONFLICT',
        `branch ${branch} moved while healing was updating it: read it again and retry`,
        {
          cause: error,
          details: { branch, expected: oldSha },
        },
      );
    }
    throw error;
  }
  if (follow) await context.run(['read-tree', '-m', '-u', oldSha, newSha]);
}
