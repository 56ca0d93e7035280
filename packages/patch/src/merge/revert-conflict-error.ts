import { PatchError } from '@healing/adapters';

/** A revert that later commits got in the way of: names the files, as `patch does not apply` does. */
export function revertConflictError(sha: string, paths: readonly string[]): PatchError {
  return new PatchError(
    'PATCH_CONFLICT',
    `patch does not apply: the revert of ${sha.slice(0, 12)} conflicts with later changes in ${paths.join(', ')}; revert only the files that merge cleanly (revertPatch) or resolve these by hand`,
    { details: { sha, paths: [...paths] } },
  );
}
