import { isHealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { summarizePatch } from './summarize-patch.js';

// As `git diff -M` writes it: one edit, one new file, one rename, one deletion.
const patch = `diff --git a/src/sum.js b/src/sum.js
index 1111111..2222222 100644
--- a/src/sum.js
+++ b/src/sum.js
@@ -1,3 +1,3 @@
 export function sum(a, b) {
-  return a - b;
+  return a + b;
 }
diff --git a/src/new.js b/src/new.js
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/src/new.js
@@ -0,0 +1 @@
+export const x = 1;
diff --git a/test/old.test.js b/test/new.test.js
similarity index 100%
rename from test/old.test.js
rename to test/new.test.js
diff --git a/test/gone.test.js b/test/gone.test.js
deleted file mode 100644
index 4444444..0000000
--- a/test/gone.test.js
+++ /dev/null
@@ -1 +0,0 @@
-expect(1).toBe(1);
`;

describe('summarizePatch', () => {
  it('lists each file with its added and removed lines', () => {
    const summary = summarizePatch(patch);
    expect(summary.insertions).toBe(2);
    expect(summary.deletions).toBe(2);
    expect(summary.files).toEqual([
      {
        oldPath: 'src/sum.js',
        newPath: 'src/sum.js',
        addedLines: ['  return a + b;'],
        removedLines: ['  return a - b;'],
        isBinary: false,
      },
      {
        oldPath: null,
        newPath: 'src/new.js',
        addedLines: ['export const x = 1;'],
        removedLines: [],
        isBinary: false,
      },
      {
        oldPath: 'test/old.test.js',
        newPath: 'test/new.test.js',
        addedLines: [],
        removedLines: [],
        isBinary: false,
      },
      {
        oldPath: 'test/gone.test.js',
        newPath: null,
        addedLines: [],
        removedLines: ['expect(1).toBe(1);'],
        isBinary: false,
      },
    ]);
  });

  it('throws PATCH_PARSE_FAILED for text that is not a diff', () => {
    let caught: unknown;
    try {
      summarizePatch('--- a/x\n+++ b/x\n@@ nonsense @@\n-a\n');
    } catch (error) {
      caught = error;
    }
    expect(isHealingError(caught, 'PATCH_PARSE_FAILED')).toBe(true);
  });
});
