import type { FileMode } from '@healing/adapters';
import { PatchError } from '@healing/adapters';

/**
 * git's canon_mode: any regular mode becomes 100644 or 100755 by its owner-execute bit;
 * links, directories and submodules keep their type. null when `text` is not an octal mode.
 */
export function canonicalMode(text: string): string | null {
  if (!/^[0-7]{1,7}$/.test(text)) return null;
  const mode = Number.parseInt(text, 8);
  const type = mode & 0o170000;
  if (type === 0o100000) return mode & 0o100 ? '100755' : '100644';
  if (type === 0o120000) return '120000';
  if (type === 0o160000) return '160000';
  if (type === 0o040000) return '040000';
  return null;
}

/** A mode from a patch as a FileMode, refusing submodules and directories with a clear error. */
export function toFileMode(mode: string, path: string): FileMode {
  if (mode === '100644' || mode === '100755' || mode === '120000') return mode;
  if (mode === '160000') {
    throw new PatchError(
      'PATCH_UNSUPPORTED',
      `${path} is a submodule (mode 160000): healing does not apply submodule changes; update the submodule with git and drop it from the patch`,
      { details: { path, mode } },
    );
  }
  throw new PatchError(
    'PATCH_UNSUPPORTED',
    `${path} has mode ${mode}, which is not a file: drop it from the patch`,
    {
      details: { path, mode },
    },
  );
}

export function isSymlinkMode(mode: string | undefined): boolean {
  return mode === '120000';
}
