import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { globToRegExp, matchWorkspaceFiles } from './workspace-glob.js';

const workspace = mkdtempSync(join(tmpdir(), 'workspace-glob-'));
for (const path of [
  'requirements.txt',
  'a/requirements.txt',
  'a/b/requirements-dev.txt',
  'package-lock.json',
  'packages/x/package-lock.json',
  '.nvmrc',
  '.git/config',
]) {
  mkdirSync(dirname(join(workspace, path)), { recursive: true });
  writeFileSync(join(workspace, path), path);
}
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

describe('globToRegExp', () => {
  it('reads *, ?, [..] within a segment and ** across directories', () => {
    expect(globToRegExp('*.txt').test('requirements.txt')).toBe(true);
    expect(globToRegExp('*.txt').test('a/requirements.txt')).toBe(false);
    expect(globToRegExp('**/requirements.txt').test('requirements.txt')).toBe(true);
    expect(globToRegExp('**/requirements.txt').test('a/b/requirements.txt')).toBe(true);
    expect(globToRegExp('a/**').test('a/b/c')).toBe(true);
    expect(globToRegExp('file?.[jt]s').test('file1.ts')).toBe(true);
    expect(globToRegExp('file?.[jt]s').test('file1.cs')).toBe(false);
  });
});

describe('matchWorkspaceFiles', () => {
  it('selects as the runner glob does: ordered excludes, directories select their files, never .git', () => {
    expect(matchWorkspaceFiles(workspace, ['**/requirements*.txt'])).toEqual([
      'a/b/requirements-dev.txt',
      'a/requirements.txt',
      'requirements.txt',
    ]);
    expect(matchWorkspaceFiles(workspace, ['**/package-lock.json', '!packages/**'])).toEqual([
      'package-lock.json',
    ]);
    expect(matchWorkspaceFiles(workspace, ['a'])).toEqual(['a/b/requirements-dev.txt', 'a/requirements.txt']);
    expect(matchWorkspaceFiles(workspace, [`${workspace}/.nvmrc`, '/etc/passwd', '../x'])).toEqual([
      '.nvmrc',
    ]);
    expect(matchWorkspaceFiles(workspace, ['**/config'])).toEqual([]);
    expect(matchWorkspaceFiles(workspace, ['!requirements.txt'])).toEqual([]);
  });
});
