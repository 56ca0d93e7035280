import { describe, expect, it } from 'vitest';
import { text } from '../test/support/git.js';
import { createPatch } from './create-patch.js';
import { diffStat } from './diff-stat.js';
import { parsePatch } from './parse-patch.js';
import { reversePatch } from './reverse-patch.js';
import { touchedPaths } from './touched-paths.js';

const tree = (files: Record<string, ReturnType<typeof text>>) => new Map(Object.entries(files));

describe('createPatch', () => {
  it('writes git headers, hunks with context and the no-newline marker', () => {
    const patch = createPatch(
      tree({ 'a.txt': text('1\n2\n3\n4\n5\n6\n7\n8\n9\n') }),
      tree({ 'a.txt': text('1\n2\n3\n4\nfive\n6\n7\n8\n9') }),
    );
    expect(patch).toBe(
      [
        'diff --git a/a.txt b/a.txt',
        'index 07193989308c972f8a2d0f1b3a15c29ea4ac565b..f563de55bf77ac2a987c297edf4cb56e6c480be9 100644',
        '--- a/a.txt',
        '+++ b/a.txt',
        '@@ -2,8 +2,8 @@',
        ' 2',
        ' 3',
        ' 4',
        '-5',
        '+five',
        ' 6',
        ' 7',
        ' 8',
        '-9',
        '+9',
        '\\ No newline at end of file',
        '',
      ].join('\n'),
    );
  });

  it('detects exact renames, mode changes and new and deleted files', () => {
    const patch = createPatch(
      tree({ 'old.txt': text('same\n'), 'run.sh': text('x\n'), 'gone.txt': text('bye\n') }),
      tree({ 'new dir/new.txt': text('same\n'), 'run.sh': text('x\n', '100755'), 'ünï.txt': text('') }),
    );
    expect(parsePatch(patch).map((file) => [file.status, file.oldPath, file.newPath])).toEqual([
      ['deleted', 'gone.txt', null],
      ['renamed', 'old.txt', 'new dir/new.txt'],
      ['modified', 'run.sh', 'run.sh'],
      ['added', null, 'ünï.txt'],
    ]);
    expect(patch).toContain('diff --git "a/\\303\\274n\\303\\257.txt" "b/\\303\\274n\\303\\257.txt"');
    expect(
      createPatch(tree({ 'old.txt': text('same\n') }), tree({ 'new.txt': text('same\n') }), {
        detectRenames: false,
      }),
    ).not.toContain('rename');
  });

  it('finds renames of edited text files, as git diff -M does', () => {
    const body = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const patch = createPatch(
      tree({ 'src/old.ts': text(`${body}\n`) }),
      tree({ 'lib/new.ts': text(`${body.replace('line 7', 'seven')}\n`) }),
    );
    const [file] = parsePatch(patch);
    expect(file).toMatchObject({
      status: 'renamed',
      oldPath: 'src/old.ts',
      newPath: 'lib/new.ts',
      similarity: 95,
    });
    expect(file?.hunks).toHaveLength(1);
    const unrelated = createPatch(
      tree({ 'a.ts': text('one\ntwo\n') }),
      tree({ 'b.ts': text('three\nfour\n') }),
    );
    expect(parsePatch(unrelated).map((entry) => entry.status)).toEqual(['deleted', 'added']);
  });

  it('sends binary and non-UTF-8 content as literals both ways', () => {
    const patch = createPatch(
      tree({ 'b.bin': { content: Uint8Array.of(0, 1, 2), mode: '100644' } }),
      tree({ 'b.bin': { content: Uint8Array.of(0xe9, 0x0a), mode: '100644' } }),
    );
    const [file] = parsePatch(patch);
    expect(file?.binary?.forward).toEqual({ kind: 'literal', data: Buffer.of(0xe9, 0x0a) });
    expect(file?.binary?.reverse).toEqual({ kind: 'literal', data: Buffer.of(0, 1, 2) });
  });

  it('returns an empty patch for equal trees', () => {
    expect(createPatch(tree({ a: text('x') }), tree({ a: text('x') }))).toBe('');
  });
});

describe('reversePatch, diffStat and touchedPaths', () => {
  const patch = createPatch(
    tree({ 'src/a.ts': text('a\nb\n'), 'x/old.txt': text('o\n') }),
    tree({ 'src/a.ts': text('a\nB\nc\n'), 'y/new.txt': text('o\n') }),
  );

  it('reverses a patch into its inverse', () => {
    const reversed = parsePatch(reversePatch(patch));
    expect(reversed.map((file) => [file.status, file.oldPath, file.newPath])).toEqual([
      ['renamed', 'y/new.txt', 'x/old.txt'],
      ['modified', 'src/a.ts', 'src/a.ts'],
    ]);
    expect(
      reversed[1]?.hunks[0]?.lines.map((line) => `${line.kind}${Buffer.from(line.content).toString()}`),
    ).toEqual([' a\n', '-B\n', '-c\n', '+b\n']);
  });

  it('counts files and lines', () => {
    expect(diffStat(patch)).toEqual({ files: 2, insertions: 2, deletions: 1 });
  });

  it('lists every path and parent directory the patch reads or writes', () => {
    expect(touchedPaths(patch)).toEqual(['src', 'src/a.ts', 'x', 'x/old.txt', 'y', 'y/new.txt']);
  });
});
