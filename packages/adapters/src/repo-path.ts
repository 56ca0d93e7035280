import { HealingError } from './errors.js';

/**
 * Checks a repository-relative path and returns it in canonical form (POSIX separators,
 * no `.` segments). Every adapter calls this before touching a path, so `..`, absolute
 * paths and writes into `.git/` are refused the same way everywhere.
 */
export function normalizeRepoPath(path: string): string {
  if (typeof path !== 'string' || path.length === 0) {
    throw new HealingError('UNSAFE_PATH', 'empty path: pass a path relative to the repository root');
  }
  if (path.includes('\0')) {
    throw new HealingError('UNSAFE_PATH', `path ${JSON.stringify(path)} contains a NUL byte: remove it`, {
      details: { path },
    });
  }
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\')) {
    throw new HealingError(
      'UNSAFE_PATH',
      `path ${JSON.stringify(path)} is absolute: pass a path relative to the repository root`,
      { details: { path } },
    );
  }
  const segments = path
    .replaceAll('\\', '/')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) {
    throw new HealingError(
      'UNSAFE_PATH',
      `path ${JSON.stringify(path)} escapes the repository root through "..": pass a path inside it`,
      { details: { path } },
    );
  }
  if (segments.length === 0) {
    throw new HealingError(
      'UNSAFE_PATH',
      `path ${JSON.stringify(path)} names the repository root, not a file`,
      {
        details: { path },
      },
    );
  }
  if (segments.some((segment) => segment.toLowerCase() === '.git')) {
    throw new HealingError(
      'UNSAFE_PATH',
      `path ${JSON.stringify(path)} is inside .git/: healing never writes git's own files`,
      { details: { path } },
    );
  }
  return segments.join('/');
}

/** True when `path` equals `prefix` or lies under it as a directory. An empty prefix matches all. */
export function isUnderPrefix(path: string, prefix: string): boolean {
  if (prefix === '') return true;
  const directory = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return path === prefix || path.startsWith(directory);
}
