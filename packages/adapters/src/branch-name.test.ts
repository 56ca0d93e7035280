import { describe, expect, it } from 'vitest';
import { assertBranchName } from './branch-name.js';

describe('assertBranchName', () => {
  it.each(['main', 'heal/abc123', 'release/1.2', 'feature_x-y'])('accepts %j', (name) => {
    expect(assertBranchName(name)).toBe(name);
  });

  it.each([
    '',
    'HEAD',
    '@',
    '-rf',
    'a..b',
    'a//b',
    'x.lock',
    'a b',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[',
    'end/',
    'a\u0001b',
  ])('refuses %j', (name) => {
    expect(() => assertBranchName(name)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
