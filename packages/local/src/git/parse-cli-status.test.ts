import { describe, expect, it } from 'vitest';
import { parseCliStatus } from './parse-cli-status.js';

const ZERO = '0000000000000000000000000000000000000000';
const SHA = 'e69de29bb2d1d6434b8b29ae775ad8c2e48c5391';

describe('parseCliStatus', () => {
  it('reads ordinary, renamed and untracked entries, paths with spaces, sorted', () => {
    const output = [
      `1 .M N... 100644 100644 100644 ${SHA} ${SHA} src/with space.ts`,
      `1 A. N... 000000 100644 100644 ${ZERO} ${SHA} added.txt`,
      `1 .D N... 100644 100644 000000 ${SHA} ${SHA} gone.txt`,
      `2 R. N... 100644 100644 100644 ${SHA} ${SHA} R100 new name.txt`,
      'old name.txt',
      '? notes/ünïcode.md',
      '',
    ].join('\0');
    expect(parseCliStatus(output)).toEqual([
      { path: 'added.txt', status: 'added', staged: true },
      { path: 'gone.txt', status: 'deleted', staged: false },
      { path: 'new name.txt', status: 'renamed', staged: true },
      { path: 'notes/ünïcode.md', status: 'untracked', staged: false },
      { path: 'src/with space.ts', status: 'modified', staged: false },
    ]);
  });

  it('a staged change edited again is not fully staged', () => {
    const output = `1 MM N... 100644 100644 100644 ${SHA} ${SHA} a.txt\0`;
    expect(parseCliStatus(output)).toEqual([{ path: 'a.txt', status: 'modified', staged: false }]);
  });
});
