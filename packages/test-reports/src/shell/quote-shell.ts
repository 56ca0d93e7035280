const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quotes one argument for a POSIX shell (and for Python's shlex, which PYTEST_ADDOPTS goes through). */
export function quoteShellWord(value: string): string {
  if (value !== '' && SAFE.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Quotes one entry of NODE_OPTIONS, which understands double quotes and backslash escapes only. */
export function quoteNodeOption(value: string): string {
  return /^[^\s"\\]+$/.test(value) ? value : `"${value.replace(/["\\]/g, '\\$&')}"`;
}
