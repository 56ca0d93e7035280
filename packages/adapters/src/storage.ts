import type { FileChange, FileMode } from './types/file-change.js';

export interface StorageCapabilities {
  /** `commit` applies every change or none, and no reader sees a partial state. */
  readonly atomicMultiFileCommit: boolean;
  /** Symbolic links are kept as links (mode 120000) rather than followed. */
  readonly symlinks: boolean;
  /** The executable bit (mode 100755) is stored. */
  readonly executableBit: boolean;
}

export interface StoredFile {
  readonly path: string;
  readonly content: Uint8Array;
  readonly mode: FileMode;
  /** Opaque version for compare-and-swap: the git blob id of the content. */
  readonly version: string;
}

export interface StorageEntry {
  readonly path: string;
  readonly mode: FileMode;
  /** Present when the backend knows it without reading the content. */
  readonly size?: number;
  readonly version?: string;
}

export interface StorageWriteOptions {
  readonly mode?: FileMode;
  /**
   * Compare-and-swap: the version the caller last read. `null` means "the file must not
   * exist". Omitted means write unconditionally. A mismatch throws VERSION_CONFLICT.
   */
  readonly expectedVersion?: string | null;
}

export interface StorageDeleteOptions {
  readonly expectedVersion?: string;
}

export interface StorageCommitOptions {
  readonly message: string;
  /** Per-path compare-and-swap, checked for every path before anything is written. */
  readonly expectedVersions?: Readonly<Record<string, string | null>>;
}

export interface StorageCommitResult {
  /** New version of every written path. */
  readonly versions: Readonly<Record<string, string>>;
  /** Backends that record history (git, GitHub) return the commit they made. */
  readonly commitSha?: string;
}

/** Files of one repository tree, addressed by repository-relative POSIX paths. */
export interface StorageAdapter {
  readonly name: string;
  readonly capabilities: StorageCapabilities;
  /** The file, or null when it does not exist. */
  read(path: string): Promise<StoredFile | null>;
  write(
    path: string,
    content: Uint8Array | string,
    options?: StorageWriteOptions,
  ): Promise<{ version: string }>;
  /** Returns false when there was nothing to delete. */
  delete(path: string, options?: StorageDeleteOptions): Promise<boolean>;
  exists(path: string): Promise<boolean>;
  /** Every file under `prefix` (a directory path; empty for all), sorted by path, in O(1) calls where the backend allows. */
  list(prefix?: string): Promise<StorageEntry[]>;
  commit(changes: readonly FileChange[], options: StorageCommitOptions): Promise<StorageCommitResult>;
  close?(): Promise<void>;
}
