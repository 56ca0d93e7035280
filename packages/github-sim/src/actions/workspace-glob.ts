import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Node 20 has no fs.glob, and the runner's @actions/glob semantics (ordered `!` patterns, a
// directory matching everything under it) are a few lines over a walk.

function segmentSource(segment: string): string {
  let source = '';
  for (let index = 0; index < segment.length; index += 1) {
    const char = segment[index] ?? '';
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = segment.indexOf(']', index + 1);
      if (end === -1) source += '\\[';
      else {
        source += `[${segment
          .slice(index + 1, end)
          .replace(/^!/, '^')
          .replace(/\\/g, '\\\\')}]`;
        index = end;
      }
    } else source += char.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return source;
}

/** A glob (`*`, `?`, `[…]`, `**` for any number of directories) as a regular expression over a relative path. */
export function globToRegExp(pattern: string): RegExp {
  const segments = pattern.split('/').filter((segment) => segment !== '' && segment !== '.');
  let source = '';
  for (const [index, segment] of segments.entries()) {
    const isLast = index === segments.length - 1;
    if (segment === '**') source += isLast ? '.*' : '(?:[^/]+/)*';
    else source += segmentSource(segment) + (isLast ? '' : '/');
  }
  return new RegExp(`^${source}$`);
}

function walk(root: string, relative: string, files: string[]): void {
  let names: string[];
  try {
    names = readdirSync(join(root, relative)).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (relative === '' && name === '.git') continue;
    const path = relative === '' ? name : `${relative}/${name}`;
    const info = lstatSync(join(root, path));
    // Symbolic links are not followed, as @actions/glob does by default.
    if (info.isDirectory()) walk(root, path, files);
    else files.push(path);
  }
}

/**
 * Files under `workspace` that the patterns select, as the runner's glob does: relative or
 * absolute (inside the workspace) patterns, `!` excludes, later patterns win, and a pattern
 * naming a directory selects every file beneath it. Sorted; `.git` is never walked.
 */
export function matchWorkspaceFiles(workspace: string, patterns: readonly string[]): string[] {
  const rules: Array<{ isExclude: boolean; regex: RegExp }> = [];
  for (const raw of patterns) {
    let pattern = raw.trim();
    if (pattern === '' || pattern.startsWith('#')) continue;
    const isExclude = pattern.startsWith('!');
    if (isExclude) pattern = pattern.slice(1);
    if (pattern.startsWith('/')) {
      if (!pattern.startsWith(`${workspace}/`)) continue;
      pattern = pattern.slice(workspace.length + 1);
    }
    if (pattern.split('/').includes('..')) continue;
    rules.push({ isExclude, regex: globToRegExp(pattern) });
  }
  if (!rules.some((rule) => !rule.isExclude)) return [];
  const files: string[] = [];
  walk(workspace, '', files);
  return files.filter((file) => {
    const parts = file.split('/');
    const candidates = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
    let isSelected = false;
    for (const rule of rules) {
      if (candidates.some((candidate) => rule.regex.test(candidate))) isSelected = !rule.isExclude;
    }
    return isSelected;
  });
}
