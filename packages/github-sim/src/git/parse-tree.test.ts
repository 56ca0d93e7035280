import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTreeObject } from './parse-tree.js';

describe('parseTreeObject', () => {
  it('reads the entries git wrote, with six-digit modes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parse-tree-'));
    try {
      const git = (args: string[], input?: string) =>
        execFileSync('git', [`--git-dir=${dir}`, ...args], input === undefined ? {} : { input });
      git(['init', '--bare', '--quiet']);
      const blob = git(['hash-object', '-w', '--stdin'], 'x\n').toString().trim();
      const sub = git(['mktree'], `100644 blob ${blob}\tinner.txt\n`).toString().trim();
      const tree = git(
        ['mktree'],
        `100755 blob ${blob}\trun é.sh\n040000 tree ${sub}\tdir\n120000 blob ${blob}\tlink\n`,
      )
        .toString()
        .trim();
      const entries = parseTreeObject(git(['cat-file', 'tree', tree]));
      expect(entries).toEqual([
        { mode: '040000', name: 'dir', sha: sub },
        { mode: '120000', name: 'link', sha: blob },
        { mode: '100755', name: 'run é.sh', sha: blob },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
