import { isHealingError, PatchError } from '@healing/adapters';

/** Where in the patch text a problem sits, for messages: "line 12". */
export function parseFailure(message: string, line: number): PatchError {
  return new PatchError('PATCH_PARSE_FAILED', `patch is corrupt at line ${line}: ${message}`, {
    details: { line },
  });
}

/** Re-types a HealingError about a path (UNSAFE_PATH from normalizeRepoPath) as a PatchError. */
export function asPatchError(error: unknown): unknown {
  if (error instanceof PatchError || !isHealingError(error)) return error;
  if (error.code === 'UNSAFE_PATH') {
    return new PatchError('UNSAFE_PATH', `unsafe patch: ${error.message}`, {
      cause: error,
      details: error.details,
    });
  }
  return error;
}
