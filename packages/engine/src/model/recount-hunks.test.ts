import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { summarizePatch } from '../candidate/summarize-patch.js';
import { recountHunks } from './recount-hunks.js';

const SOURCE = 'export function sum(a, b) {\n  const total = a - b;\n\n  return total;\n}\n';

// What models write: the header says 7 lines where there are 5, and the blank context line lost its space.
const SLOPPY = `--- a/sum.js
+++ b/sum.js
@@ -1,7 +1,7 @@
 export function sum(a, b) {
-  const total = a - b;
+  const total = a + b;

   return total;
 }

`;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function gitApplyCheck(patch: string): boolean {
  dir = mkdtempSync(join(tmpdir(), 'heal-recount-'));
  execFileSync('git', ['init', '-q'], { cwd: dir });
  writeFileSync(join(dir, 'sum.js'), SOURCE);
  writeFileSync(join(dir, 'fix.patch'), patch);
  try {
    execFileSync('git', ['apply', '--check', 'fix.patch'], { cwd: dir, stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

describe('recountHunks', () => {
  it('turns a miscounted model diff into one git applies', () => {
    expect(gitApplyCheck(SLOPPY)).toBe(false);
    expect(() => summarizePatch(SLOPPY)).toThrowError();
    const repaired = recountHunks(SLOPPY);
    expect(summarizePatch(repaired).files[0]?.addedLines).toEqual(['  const total = a + b;']);
    expect(repaired).toContain('@@ -1,5 +1,5 @@\n');
    expect(repaired).toContain('+  const total = a + b;\n \n   return total;');
    rmSync(dir ?? '', { recursive: true, force: true });
    expect(gitApplyCheck(repaired)).toBe(true);
  });

  it('leaves a correct git diff unchanged', () => {
    const exact =
      'diff --git a/x.js b/x.js\nindex 1111111..2222222 100644\n--- a/x.js\n+++ b/x.js\n@@ -1,2 +1,2 @@ fn\n-a\n+b\n c\n@@ -10 +10 @@\n-d\n+e\n\\ No newline at end of file\n';
    expect(recountHunks(exact)).toBe(exact);
  });

  it('counts a new file and ends each hunk at the next file header', () => {
    const two =
      '--- /dev/null\n+++ b/new.js\n@@ -0,0 +1 @@\n+one\n+two\n\n--- a/old.js\n+++ b/old.js\n@@ -1 +1 @@\n-- x\n+- y\n';
    expect(recountHunks(two)).toBe(
      '--- /dev/null\n+++ b/new.js\n@@ -0,0 +1,2 @@\n+one\n+two\n--- a/old.js\n+++ b/old.js\n@@ -1 +1 @@\n-- x\n+- y\n',
    );
  });
});
