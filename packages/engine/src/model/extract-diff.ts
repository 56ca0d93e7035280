const FENCE = /```[ \t]*(diff|patch|udiff)?[^\n]*\n([\s\S]*?)```/g;
const DIFF_START = /^(diff --git |--- (?:a\/|\/dev\/null))/m;

/**
 * The unified diff inside a model's answer: the first ```diff (or ```patch) fence, else the
 * first fence that holds a diff, else the answer from its first `diff --git`/`--- a/` line.
 * Null when the answer holds no diff at all.
 */
export function extractDiff(answer: string): string | null {
  const fences = [...answer.matchAll(FENCE)].map((match) => ({ language: match[1], body: match[2] ?? '' }));
  const fenced =
    fences.find((fence) => fence.language !== undefined && DIFF_START.test(fence.body)) ??
    fences.find((fence) => DIFF_START.test(fence.body));
  if (fenced) return withTrailingNewline(fenced.body.slice(fenced.body.search(DIFF_START)));
  const start = answer.search(DIFF_START);
  if (start === -1) return null;
  return withTrailingNewline(answer.slice(start).replace(/\n```\s*$/, '\n'));
}

function withTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
