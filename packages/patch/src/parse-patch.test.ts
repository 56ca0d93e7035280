import { isHealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { parsePatch } from './parse-patch.js';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

function parseError(patch: string): { code: string; message: string } {
  try {
    parsePatch(patch);
  } catch (error) {
    if (isHealingError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected parsePatch to throw');
}

describe('parsePatch', () => {
  it('reads a modification with its index line and hunks', () => {
    const [file] = parsePatch(
      'diff --git a/src/a.ts b/src/a.ts\nindex 83db48f..bf269f4 100644\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,3 +1,3 @@ function f\n one\n-two\n+TWO\n three\n',
    );
    expect(file).toMatchObject({
      status: 'modified',
      oldPath: 'src/a.ts',
      newPath: 'src/a.ts',
      oldMode: '100644',
      oldId: '83db48f',
      newId: 'bf269f4',
      isGit: true,
    });
    expect(file?.hunks).toHaveLength(1);
    expect(file?.hunks[0]).toMatchObject({
      oldStart: 1,
      oldLines: 3,
      newStart: 1,
      newLines: 3,
      section: ' function f',
    });
    expect(file?.hunks[0]?.lines.map((line) => `${line.kind}${text(line.content)}`)).toEqual([
      ' one\n',
      '-two\n',
      '+TWO\n',
      ' three\n',
    ]);
  });

  it('reads new, deleted, renamed, copied and mode-changed files', () => {
    const patches = parsePatch(
      [
        'diff --git a/new.txt b/new.txt\nnew file mode 100755\nindex 0000000..e69de29\n',
        'diff --git a/old.txt b/old.txt\ndeleted file mode 100644\nindex 5626abf..0000000\n--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-one\n',
        'diff --git a/from.txt b/to dir/to.txt\nsimilarity index 90%\nrename from from.txt\nrename to to dir/to.txt\n',
        'diff --git a/a.txt b/copy.txt\nsimilarity index 100%\ncopy from a.txt\ncopy to copy.txt\n',
        'diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n',
      ].join(''),
    );
    expect(patches.map(({ status, oldPath, newPath }) => ({ status, oldPath, newPath }))).toEqual([
      { status: 'added', oldPath: null, newPath: 'new.txt' },
      { status: 'deleted', oldPath: 'old.txt', newPath: null },
      { status: 'renamed', oldPath: 'from.txt', newPath: 'to dir/to.txt' },
      { status: 'copied', oldPath: 'a.txt', newPath: 'copy.txt' },
      { status: 'modified', oldPath: 'run.sh', newPath: 'run.sh' },
    ]);
    expect(patches[0]?.newMode).toBe('100755');
    expect(patches[2]?.similarity).toBe(90);
    expect(patches[4]).toMatchObject({ oldMode: '100644', newMode: '100755' });
  });

  it('unquotes C-style names: octal UTF-8, tabs, quotes and backslashes', () => {
    const [unicode, tab, quote] = parsePatch(
      [
        'diff --git "a/\\303\\274n\\303\\257.txt" "b/\\303\\274n\\303\\257.txt"\nnew file mode 100644\nindex 0000000..e69de29\n',
        'diff --git "a/tab\\tname.txt" "b/tab\\tname.txt"\nold mode 100644\nnew mode 100755\n',
        'diff --git "a/quote\\"d\\\\.txt" "b/quote\\"d\\\\.txt"\nold mode 100755\nnew mode 100644\n',
      ].join(''),
    );
    expect(unicode?.newPath).toBe('ünï.txt');
    expect(tab?.newPath).toBe('tab\tname.txt');
    expect(quote?.newPath).toBe('quote"d\\.txt');
  });

  it('splits an unquoted header with spaces only where both names agree', () => {
    const [file] = parsePatch(
      'diff --git a/with space.txt b/with space.txt\nold mode 100644\nnew mode 100755\n',
    );
    expect(file?.oldPath).toBe('with space.txt');
  });

  it('ends names on ---/+++ lines at a tab (git writes one after names with spaces)', () => {
    const [file] = parsePatch(
      'diff --git a/with space.txt b/with space.txt\n--- a/with space.txt\t\n+++ b/with space.txt\t\n@@ -1 +1 @@\n-a\n+b\n',
    );
    expect(file?.newPath).toBe('with space.txt');
  });

  it('keeps CRLF content and drops only the "\\n" before "\\ No newline at end of file"', () => {
    const [file] = parsePatch(
      'diff --git a/c.txt b/c.txt\n--- a/c.txt\n+++ b/c.txt\n@@ -1,2 +1,2 @@\n one\r\n-two\r\n\\ No newline at end of file\n+TWO\r\n',
    );
    const lines = file?.hunks[0]?.lines.map((line) => text(line.content));
    expect(lines).toEqual(['one\r\n', 'two\r', 'TWO\r\n']);
  });

  it('counts lines, so hunk lines that look like headers stay content', () => {
    const [file, second] = parsePatch(
      'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,3 +1,2 @@\n--- a/fake\n-+++ b/fake\n++++ b/real\n @@ -1,2 +1,2 @@\ndiff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-y\n+z\n',
    );
    expect(file?.hunks[0]?.lines.map((line) => `${line.kind}${text(line.content)}`)).toEqual([
      '--- a/fake\n',
      '-+++ b/fake\n',
      '++++ b/real\n',
      ' @@ -1,2 +1,2 @@\n',
    ]);
    expect(second?.newPath).toBe('y');
  });

  it('reads -U0 hunks and a blank line as empty context', () => {
    const [file] = parsePatch(
      'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -3,0 +4,2 @@\n+a\n+b\n@@ -9 +11 @@\n-q\n+r\n',
    );
    expect(file?.hunks.map((hunk) => [hunk.oldStart, hunk.oldLines, hunk.newStart, hunk.newLines])).toEqual([
      [3, 0, 4, 2],
      [9, 1, 11, 1],
    ]);
    const [blank] = parsePatch('--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n\n-a\n+b\n');
    expect(blank?.hunks[0]?.lines[0]).toMatchObject({ kind: ' ' });
    expect(text(blank?.hunks[0]?.lines[0]?.content ?? new Uint8Array())).toBe('\n');
  });

  it('reads symlinks as files whose content is the target', () => {
    const [link] = parsePatch(
      'diff --git a/link b/link\nnew file mode 120000\nindex 0000000..2e65efe\n--- /dev/null\n+++ b/link\n@@ -0,0 +1 @@\n+a.txt\n\\ No newline at end of file\n',
    );
    expect(link?.newMode).toBe('120000');
    expect(text(link?.hunks[0]?.lines[0]?.content ?? new Uint8Array())).toBe('a.txt');
  });

  it('refuses submodules when applying, not when parsing, and parses their mode', () => {
    const [sub] = parsePatch(
      'diff --git a/sub b/sub\nindex 1111111..2222222 160000\n--- a/sub\n+++ b/sub\n@@ -1 +1 @@\n-Subproject commit 1111111\n+Subproject commit 2222222\n',
    );
    expect(sub?.oldMode).toBe('160000');
  });

  it('reads plain unified diffs, guessing -p0 for names without a slash', () => {
    const [prefixed, bare] = parsePatch(
      '--- a/dir/x.txt\t2024-01-01 00:00:00\n+++ b/dir/x.txt\t2024-01-02 00:00:00\n@@ -1 +1 @@\n-a\n+b\n',
    );
    expect(prefixed).toMatchObject({ status: 'modified', newPath: 'dir/x.txt', isGit: false });
    expect(bare).toBeUndefined();
    const [plain] = parsePatch('--- x.txt\n+++ x.txt\n@@ -1 +1 @@\n-a\n+b\n');
    expect(plain?.newPath).toBe('x.txt');
    const [created] = parsePatch('--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+a\n');
    expect(created).toMatchObject({ status: 'added', oldPath: null, newPath: 'new.txt' });
  });

  it('skips the mail around git format-patch output', () => {
    const patches = parsePatch(
      'From 1234 Mon Sep 17 00:00:00 2001\nFrom: A <a@b>\nSubject: [PATCH] fix\n\nbody text\n---\n x | 2 +-\n\ndiff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n-- \n2.39.2\n\n',
    );
    expect(patches).toHaveLength(1);
    expect(patches[0]?.hunks[0]?.lines).toHaveLength(2);
  });

  it('decodes GIT binary patch literal hunks in both directions (deltas: test/git-scenarios)', () => {
    const [file] = parsePatch(
      'diff --git a/b.bin b/b.bin\nindex 1111111111111111111111111111111111111111..2222222222222222222222222222222222222222 100644\nGIT binary patch\nliteral 3\nKcmZQzWC8#H2LJ>B\n\nliteral 0\nHcmV?d00001\n\n',
    );
    expect(file?.binary?.forward.kind).toBe('literal');
    expect([...(file?.binary?.forward.data ?? [])]).toEqual([0, 1, 2]);
    expect(file?.binary?.reverse?.data.length).toBe(0);
  });

  it('fails with PATCH_PARSE_FAILED on garbage, truncated hunks and orphan hunks', () => {
    expect(parseError('this is not a patch at all\n').code).toBe('PATCH_PARSE_FAILED');
    const truncated = parseError(
      'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n',
    );
    expect(truncated).toMatchObject({ code: 'PATCH_PARSE_FAILED' });
    expect(truncated.message).toContain('ends early');
    expect(parseError('@@ -1 +1 @@\n-a\n+b\n').message).toContain('without a file header');
    expect(parseError('diff --git a/x b/x\nold mode 100644\nnew mode 100644\n').message).toContain(
      'only garbage',
    );
    expect(
      parseError(
        'diff --git a/tmp/abs.txt b/tmp/abs.txt\nnew file mode 100644\n--- /dev/null\n+++ /tmp/pwned.txt\n@@ -0,0 +1 @@\n+x\n',
      ).message,
    ).toContain('inconsistent new file name');
    expect(parseError('diff --git a/b b/b\nindex 1..2\nGIT binary patch\nliteral 5\nzzzzz\n\n').code).toBe(
      'PATCH_PARSE_FAILED',
    );
  });

  it('recounts hunk lines on request, as git apply --recount does', () => {
    const wrongCounts =
      'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1,9 +1,2 @@\n a\n-b\n+B\n+C\n c\ndiff --git a/y b/y\n--- a/y\n+++ b/y\n@@ -1 +1 @@\n-y\n+z\n';
    expect(parseError(wrongCounts).code).toBe('PATCH_PARSE_FAILED');
    const [x, y] = parsePatch(wrongCounts, { recount: true });
    expect(x?.hunks[0]).toMatchObject({ oldLines: 3, newLines: 4 });
    expect(y?.hunks[0]?.lines).toHaveLength(2);
  });

  it('takes bytes as well as text, keeping content that is not UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('diff --git a/l.txt b/l.txt\n--- a/l.txt\n+++ b/l.txt\n@@ -1 +1 @@\n-caf'),
      Buffer.of(0xe9, 0x0a),
      Buffer.from('+cafe\n'),
    ]);
    const [file] = parsePatch(bytes);
    expect([...(file?.hunks[0]?.lines[0]?.content ?? [])]).toEqual([0x63, 0x61, 0x66, 0xe9, 0x0a]);
  });
});
