import { isHealingError, PatchError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { memoryView, text } from '../test/support/git.js';
import { applyPatch } from './apply-patch.js';
import type { FileViewEntry, PatchApplication } from './types.js';

const view = (files: Record<string, FileViewEntry>) => memoryView(new Map(Object.entries(files)));

async function failure(promise: Promise<PatchApplication>): Promise<PatchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PatchError);
    return error as PatchError;
  }
  throw new Error('expected the patch to be refused');
}

function contentOf(application: PatchApplication, path: string): string | undefined {
  const change = application.changes.find((candidate) => candidate.path === path);
  return change?.kind === 'write' ? Buffer.from(change.content).toString('utf8') : undefined;
}

const five = text('one\ntwo\nthree\nfour\nfive\n');
const modifyA =
  'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n';

describe('applyPatch', () => {
  it('returns the new content and mode without writing anything', async () => {
    const files = { 'a.txt': five };
    const result = await applyPatch(modifyA, view(files));
    expect(result.changes).toEqual([
      { kind: 'write', path: 'a.txt', content: expect.any(Uint8Array), mode: '100644' },
    ]);
    expect(contentOf(result, 'a.txt')).toBe('one\nTWO\nthree\nfour\nfive\n');
    expect(result.files).toEqual([{ path: 'a.txt', status: 'modified' }]);
    expect(Buffer.from(files['a.txt'].content).toString()).toBe('one\ntwo\nthree\nfour\nfive\n');
  });

  it('finds a hunk at an offset, as git does', async () => {
    const result = await applyPatch(
      modifyA.replace('@@ -1,3 +1,3 @@', '@@ -3,3 +3,3 @@'),
      view({ 'a.txt': five }),
    );
    expect(contentOf(result, 'a.txt')).toBe('one\nTWO\nthree\nfour\nfive\n');
  });

  it('names the file, the hunk and the mismatch when context does not match', async () => {
    const patch = `${modifyA}@@ -4,2 +4,2 @@\n four\n-FIVE\n+5\n`;
    const error = await failure(applyPatch(patch, view({ 'a.txt': five })));
    expect(error.code).toBe('PATCH_CONFLICT');
    expect(error.message).toContain('a.txt hunk 2');
    expect(error.message).toContain('expected "FIVE" at line 5, found "five"');
    expect(error.details).toMatchObject({ path: 'a.txt', hunk: 2 });
  });

  it('requires a hunk without trailing context to end the file, and one at line 1 to start it', async () => {
    const atEnd = 'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -2,2 +2,2 @@\n two\n-three\n+3\n';
    expect((await failure(applyPatch(atEnd, view({ 'a.txt': five })))).code).toBe('PATCH_CONFLICT');
    const result = await applyPatch(
      atEnd.replace(' two\n-three', ' four\n-five').replace('-2,2 +2,2', '-4,2 +4,2'),
      view({ 'a.txt': five }),
    );
    expect(contentOf(result, 'a.txt')).toBe('one\ntwo\nthree\nfour\n3\n');
  });

  it('applies -U0 hunks at their stated lines', async () => {
    const patch =
      'diff --git a/a.txt b/a.txt\n--- a/a.txt\n+++ b/a.txt\n@@ -2,0 +3 @@\n+inserted\n@@ -5 +6 @@\n-five\n+FIVE\n';
    const result = await applyPatch(patch, view({ 'a.txt': five }));
    expect(contentOf(result, 'a.txt')).toBe('one\ntwo\ninserted\nthree\nfour\nFIVE\n');
  });

  it('applies all files or none: a failing second file fails the whole patch', async () => {
    const patch = `${modifyA}diff --git a/b.txt b/b.txt\n--- a/b.txt\n+++ b/b.txt\n@@ -1 +1 @@\n-nope\n+q\n`;
    const error = await failure(applyPatch(patch, view({ 'a.txt': five, 'b.txt': text('x\n') })));
    expect(error.message).toContain('b.txt hunk 1');
  });

  it.each([
    ['..', 'diff --git a/../x b/../x\nnew file mode 100644\n--- /dev/null\n+++ b/../x\n@@ -0,0 +1 @@\n+x\n'],
    [
      '.git/',
      'diff --git a/.git/config b/.git/config\n--- a/.git/config\n+++ b/.git/config\n@@ -1 +1 @@\n-a\n+b\n',
    ],
    [
      '.GIT/ in another case',
      'diff --git a/sub/.GIT/hooks b/sub/.GIT/hooks\nnew file mode 100755\n--- /dev/null\n+++ b/sub/.GIT/hooks\n@@ -0,0 +1 @@\n+x\n',
    ],
    ['an absolute plain diff', '--- /dev/null\n+++ //etc/passwd\n@@ -0,0 +1 @@\n+x\n'],
  ])('refuses paths through %s with UNSAFE_PATH', async (_, patch) => {
    const error = await failure(applyPatch(patch, view({})));
    expect(error.code).toBe('UNSAFE_PATH');
  });

  it('refuses writes through a link the patch creates or the tree has', async () => {
    const viaNew =
      'diff --git a/evil b/evil\nnew file mode 120000\n--- /dev/null\n+++ b/evil\n@@ -0,0 +1 @@\n+..\n\\ No newline at end of file\ndiff --git a/evil/x.txt b/evil/x.txt\nnew file mode 100644\n--- /dev/null\n+++ b/evil/x.txt\n@@ -0,0 +1 @@\n+pwned\n';
    const created = await failure(applyPatch(viaNew, view({})));
    expect(created.code).toBe('UNSAFE_PATH');
    expect(created.message).toContain('symbolic link evil');
    const viaExisting =
      'diff --git a/dir/x.txt b/dir/x.txt\nnew file mode 100644\n--- /dev/null\n+++ b/dir/x.txt\n@@ -0,0 +1 @@\n+x\n';
    const existing = await failure(applyPatch(viaExisting, view({ dir: text('/etc', '120000') })));
    expect(existing.code).toBe('UNSAFE_PATH');
    const reading = await failure(
      applyPatch(modifyA.replaceAll('a.txt', 'dir/a.txt'), view({ dir: text('/etc', '120000') })),
    );
    expect(reading.message).toContain('beyond the symbolic link dir');
  });

  it('refuses, as git does, to put a directory where the tree has a link, even one it deletes', async () => {
    const patch =
      'diff --git a/d b/d\ndeleted file mode 120000\n--- a/d\n+++ /dev/null\n@@ -1 +0,0 @@\n-elsewhere\n\\ No newline at end of file\ndiff --git a/d/x.txt b/d/x.txt\nnew file mode 100644\n--- /dev/null\n+++ b/d/x.txt\n@@ -0,0 +1 @@\n+x\n';
    const error = await failure(applyPatch(patch, view({ d: text('elsewhere', '120000') })));
    expect(error.code).toBe('UNSAFE_PATH');
  });

  it('refuses creating an existing file and changing a missing one', async () => {
    const create =
      'diff --git a/a.txt b/a.txt\nnew file mode 100644\n--- /dev/null\n+++ b/a.txt\n@@ -0,0 +1 @@\n+dup\n';
    expect((await failure(applyPatch(create, view({ 'a.txt': five })))).code).toBe('ALREADY_EXISTS');
    const remove =
      'diff --git a/gone.txt b/gone.txt\ndeleted file mode 100644\n--- a/gone.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n';
    expect((await failure(applyPatch(remove, view({})))).code).toBe('NOT_FOUND');
    expect((await failure(applyPatch(modifyA, view({})))).code).toBe('NOT_FOUND');
  });

  it('refuses a deletion that would leave content, and a file where a directory must be', async () => {
    const remove =
      'diff --git a/a.txt b/a.txt\ndeleted file mode 100644\n--- a/a.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-one\n';
    const leftover = await failure(applyPatch(remove, view({ 'a.txt': text('one\ntwo\n') })));
    expect(leftover.message).toContain('would leave content');
    const under =
      'diff --git a/a.txt/x b/a.txt/x\nnew file mode 100644\n--- /dev/null\n+++ b/a.txt/x\n@@ -0,0 +1 @@\n+x\n';
    expect((await failure(applyPatch(under, view({ 'a.txt': five })))).message).toContain(
      'a.txt to be a directory',
    );
  });

  it('refuses submodules with PATCH_UNSUPPORTED', async () => {
    const patch =
      'diff --git a/sub b/sub\nindex 1111111..2222222 160000\n--- a/sub\n+++ b/sub\n@@ -1 +1 @@\n-Subproject commit 1\n+Subproject commit 2\n';
    const error = await failure(applyPatch(patch, view({})));
    expect(error.code).toBe('PATCH_UNSUPPORTED');
    expect(error.message).toContain('submodule');
  });

  it('orders deletes first and marks renames', async () => {
    const patch =
      'diff --git a/old.txt b/new.txt\nsimilarity index 100%\nrename from old.txt\nrename to new.txt\ndiff --git a/run b/run\nold mode 100644\nnew mode 100755\n';
    const result = await applyPatch(patch, view({ 'old.txt': text('o\n'), run: text('r\n') }));
    expect(result.changes).toEqual([
      { kind: 'delete', path: 'old.txt' },
      {
        kind: 'write',
        path: 'new.txt',
        content: expect.any(Uint8Array),
        mode: '100644',
        renamedFrom: 'old.txt',
      },
      { kind: 'write', path: 'run', content: expect.any(Uint8Array), mode: '100755' },
    ]);
    expect(result.files).toEqual([
      { path: 'new.txt', oldPath: 'old.txt', status: 'renamed' },
      { path: 'run', status: 'modified' },
    ]);
  });

  it('undoes a copy under reverse by deleting the copy, after checking it still matches', async () => {
    const patch = 'diff --git a/a.txt b/c.txt\nsimilarity index 100%\ncopy from a.txt\ncopy to c.txt\n';
    const forward = await applyPatch(patch, view({ 'a.txt': five }));
    expect(forward.files).toEqual([{ path: 'c.txt', oldPath: 'a.txt', status: 'copied' }]);
    const back = await applyPatch(patch, view({ 'a.txt': five, 'c.txt': five }), { reverse: true });
    expect(back.changes).toEqual([{ kind: 'delete', path: 'c.txt' }]);
    const stale = await failure(
      applyPatch(patch, view({ 'a.txt': five, 'c.txt': text('x\n') }), { reverse: true }),
    );
    expect(stale.code).toBe('PATCH_CONFLICT');
  });

  it('refuses a binary patch whose preimage has another blob id', async () => {
    const patch =
      'diff --git a/c.bin b/c.bin\nindex 8352675d67aed6625ece79af41c27fdb4ee2e867..e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 100644\nGIT binary patch\nliteral 0\nHcmV?d00001\n\nliteral 3\nKcmZQzWC8#H2LJ>B\n\n';
    const error = await failure(applyPatch(patch, view({ 'c.bin': text('other') })));
    expect(error.code).toBe('PATCH_CONFLICT');
    expect(error.message).toContain('the patch expects 8352675d67aed6625ece79af41c27fdb4ee2e867');
    const applied = await applyPatch(
      patch,
      view({ 'c.bin': { content: Uint8Array.of(0, 1, 2), mode: '100644' } }),
    );
    expect(contentOf(applied, 'c.bin')).toBe('');
  });

  it('throws only typed errors for input that is not a patch', async () => {
    const error = await applyPatch('nothing here', view({})).catch((caught: unknown) => caught);
    expect(isHealingError(error, 'PATCH_PARSE_FAILED')).toBe(true);
  });
});
