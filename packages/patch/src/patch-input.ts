import { PatchError } from '@healing/adapters';
import { parsePatch } from './parse-patch.js';
import type { FilePatch, ParseOptions, PatchInput } from './types.js';

/** Accepts patch text, bytes, or already parsed file patches. */
export function toFilePatches(input: PatchInput, options: ParseOptions = {}): readonly FilePatch[] {
  if (typeof input === 'string' || input instanceof Uint8Array) return parsePatch(input, options);
  if (!Array.isArray(input)) {
    throw new PatchError('PATCH_PARSE_FAILED', 'patch must be text, bytes or the result of parsePatch');
  }
  return input;
}
