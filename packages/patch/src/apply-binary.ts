import { gitBlobId, PatchError } from '@healing/adapters';
import { applyBinaryDelta } from './binary-delta.js';
import type { FilePatch } from './types.js';

const FULL_ID = /^[0-9a-f]{40}$/;
const NULL_ID = /^0+$/;

/**
 * Applies a `GIT binary patch` as git does: the index line must carry full object ids, the
 * preimage must hash to the old id, and the result must hash to the new id.
 */
export function applyBinaryPatch(patch: FilePatch, preimage: Uint8Array | null, path: string): Uint8Array {
  const binary = patch.binary;
  const { oldId, newId } = patch;
  if (!binary) throw new PatchError('PATCH_UNSUPPORTED', `${path} has no binary data to apply`);
  if (!oldId || !newId || !FULL_ID.test(oldId) || !FULL_ID.test(newId)) {
    throw new PatchError(
      'PATCH_UNSUPPORTED',
      `cannot apply the binary patch to ${path} without a full index line: regenerate it with git diff --binary --full-index`,
      { details: { path } },
    );
  }
  const before = preimage ?? new Uint8Array(0);
  if (patch.status !== 'added') {
    const actual = gitBlobId(before);
    if (actual !== oldId) {
      throw new PatchError(
        'PATCH_CONFLICT',
        `binary patch does not apply: ${path} is blob ${actual}, the patch expects ${oldId}; regenerate the patch`,
        { details: { path, expected: oldId, actual } },
      );
    }
  } else if (before.length > 0) {
    throw new PatchError(
      'PATCH_CONFLICT',
      `binary patch does not apply: ${path} should be empty but is not`,
      {
        details: { path },
      },
    );
  }
  if (NULL_ID.test(newId)) return new Uint8Array(0);
  const hunk = binary.forward;
  const result = hunk.kind === 'literal' ? hunk.data : applyBinaryDelta(before, hunk.data, path);
  const resultId = gitBlobId(result);
  if (resultId !== newId) {
    throw new PatchError(
      'PATCH_CONFLICT',
      `binary patch to ${path} creates blob ${resultId}, the patch expects ${newId}; the patch is damaged: regenerate it`,
      { details: { path, expected: newId, actual: resultId } },
    );
  }
  return result;
}
