/**
 * Read access to one revision of a repository, enough to recognise its toolchain: a local
 * checkout (the filesystem) or a commit on GitHub (the contents API).
 */
export interface RepositoryFiles {
  /** A file's text, or null when it does not exist. */
  read(path: string): Promise<string | null>;
  /** Names in a directory, or [] when it does not exist; absent where listing is not possible. */
  list?(directory: string): Promise<readonly string[]>;
}
