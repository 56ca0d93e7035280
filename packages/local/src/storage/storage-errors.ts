import { HealingError, toHealingError } from '@healing/adapters';

/** Turns a filesystem failure into a typed error that names the path and what to do. */
export function storageFailure(error: unknown, action: string, path: string): HealingError {
  if (error instanceof HealingError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const details = { path, errno: code };
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return new HealingError(
      'INVALID_INPUT',
      `cannot ${action} ${path}: one of its parent directories is a file; delete that file first`,
      { cause: error, details },
    );
  }
  if (code === 'EISDIR') {
    return new HealingError(
      'INVALID_INPUT',
      `cannot ${action} ${path}: it is a directory; delete the files under it first`,
      { cause: error, details },
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new HealingError(
      'INTERNAL',
      `cannot ${action} ${path}: permission denied (${code}); make the storage root writable`,
      { cause: error, details },
    );
  }
  return toHealingError(error, 'INTERNAL', `cannot ${action} ${path}`);
}
