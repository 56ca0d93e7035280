import { describe, expect, it } from 'vitest';
import { HealingError } from './errors.js';
import { isUnderPrefix, normalizeRepoPath } from './repo-path.js';

describe('normalizeRepoPath', () => {
  it.each([
    ['a.txt', 'a.txt'],
    ['./src//lib/./util.ts', 'src/lib/util.ts'],
    ['dir\\win\\style.txt', 'dir/win/style.txt'],
    ['ünïcödé 日本.md', 'ünïcödé 日本.md'],
    ['.github/workflows/ci.yml', '.github/workflows/ci.yml'],
    ['.gitignore', '.gitignore'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeRepoPath(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['../escape.txt', '".."'],
    ['a/../../b', '".."'],
    ['/etc/passwd', 'absolute'],
    ['C:\\Windows\\x', 'absolute'],
    ['.git/config', '.git'],
    ['sub/.GIT/hooks/pre-commit', '.git'],
    ['nul\0byte', 'NUL'],
    ['./.', 'root'],
  ])('refuses %j (%s) with UNSAFE_PATH', (input, reason) => {
    let caught: unknown;
    try {
      normalizeRepoPath(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HealingError);
    expect((caught as HealingError).code).toBe('UNSAFE_PATH');
    expect((caught as HealingError).message.toLowerCase()).toContain(reason.toLowerCase());
  });
});

describe('isUnderPrefix', () => {
  it('treats the prefix as a directory', () => {
    expect(isUnderPrefix('src/a.ts', 'src')).toBe(true);
    expect(isUnderPrefix('src/a.ts', 'src/')).toBe(true);
    expect(isUnderPrefix('srcx/a.ts', 'src')).toBe(false);
    expect(isUnderPrefix('src', 'src')).toBe(true);
    expect(isUnderPrefix('anything', '')).toBe(true);
  });
});
