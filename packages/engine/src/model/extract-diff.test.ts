import { describe, expect, it } from 'vitest';
import { extractDiff } from './extract-diff.js';

const diff = 'diff --git a/x.js b/x.js\n--- a/x.js\n+++ b/x.js\n@@ -1 +1 @@\n-a\n+b\n';

describe('extractDiff', () => {
  it('takes a bare diff as it is', () => {
    expect(extractDiff(diff)).toBe(diff);
  });

  it('takes the diff out of a ```diff fence with prose around it', () => {
    expect(extractDiff(`Here is the fix:\n\n\`\`\`diff\n${diff}\`\`\`\nIt changes a to b.`)).toBe(diff);
  });

  it('prefers the fence that holds a diff over an earlier code fence', () => {
    const answer = `\`\`\`js\nconsole.log(1)\n\`\`\`\n\`\`\`\n${diff}\`\`\``;
    expect(extractDiff(answer)).toBe(diff);
  });

  it('finds a diff that starts after prose without a fence, and adds a missing final newline', () => {
    const plain = '--- a/x.js\n+++ b/x.js\n@@ -1 +1 @@\n-a\n+b';
    expect(extractDiff(`I would change this:\n${plain}`)).toBe(`${plain}\n`);
  });

  it('returns null when there is no diff', () => {
    expect(extractDiff('I cannot fix this test, sorry.')).toBeNull();
    expect(extractDiff('```js\nconst a = 1;\n```')).toBeNull();
  });
});
