import type { FileMode } from '@healing/adapters';

/** What @healing/patch reads a tree through (structurally its FileView). */
export interface TreeFileEntry {
  readonly content: Uint8Array;
  readonly mode: FileMode;
}

export interface TreeFileView {
  read(path: string): Promise<TreeFileEntry | null>;
}

const FILE_MODES: ReadonlySet<string> = new Set(['100644', '100755', '120000']);

export function asFileMode(mode: string): FileMode | null {
  const normalized = mode.padStart(6, '0');
  return FILE_MODES.has(normalized) ? (normalized as FileMode) : null;
}
