const HUNK_HEADER = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$/;

/**
 * Rewrites every hunk header's line counts from the hunk's body, as `git apply --recount`
 * does, and restores the leading space of blank context lines. Models often get both wrong
 * (miscounted `@@` headers, trailing spaces stripped), which makes a sound diff unparsable.
 * Written here because @healing/patch applies exactly what git would, without --recount.
 */
export function recountHunks(diff: string): string {
  const lines = diff.split('\n');
  const hasFinalNewline = diff.endsWith('\n');
  if (hasFinalNewline) lines.pop();
  const out: string[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] as string;
    const header = HUNK_HEADER.exec(line);
    if (header === null) {
      out.push(line);
      index += 1;
      continue;
    }
    const body: string[] = [];
    index += 1;
    while (index < lines.length && !isHunkEnd(lines, index)) {
      body.push(lines[index] as string);
      index += 1;
    }
    // Blank lines after the last change are the gap before the next file, not context.
    while (body.length > 0 && body[body.length - 1] === '') body.pop();
    let oldCount = 0;
    let newCount = 0;
    const repaired = body.map((bodyLine) => {
      const text = bodyLine === '' ? ' ' : bodyLine;
      if (text.startsWith('-')) oldCount += 1;
      else if (text.startsWith('+')) newCount += 1;
      else if (!text.startsWith('\\')) {
        oldCount += 1;
        newCount += 1;
      }
      return text;
    });
    const [, oldStart, newStart, section] = header;
    out.push(
      `@@ -${range(Number(oldStart), oldCount)} +${range(Number(newStart), newCount)} @@${section ?? ''}`,
    );
    out.push(...repaired);
  }
  return `${out.join('\n')}${hasFinalNewline ? '\n' : ''}`;
}

function isHunkEnd(lines: readonly string[], index: number): boolean {
  const line = lines[index] as string;
  if (line.startsWith('@@ ') || line.startsWith('diff --git ')) return true;
  return line.startsWith('--- ') && (lines[index + 1] ?? '').startsWith('+++ ');
}

// git writes a count of 1 without the ",1".
function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}
