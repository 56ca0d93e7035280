import type { FailedTest } from '@healing/adapters';
import { readNodeTap } from '../read-node-tap.js';
import { createReading, firstLine, type Reading } from '../reading.js';
import { blockAfter, type ConsoleOutput, dedent, indentOf } from './console-output.js';

const MARKED = /^([▶✔✖﹣]) (.*?)(?: \((\d+(?:\.\d+)?)ms\))?( # (?:SKIP|TODO)\b.*)?$/;
const TOTAL = /^[ℹ#] tests (\d+)$/;
const isFilePath = (name: string): boolean => /^(\/|[A-Za-z]:\\)\S+\.[cm]?[jt]sx?$/.test(name);
const errorLine = (lines: readonly string[]): string =>
  lines.find((line) => /^\s*(\w+Error|Error)(\s\[\w+\])?:/.test(line))?.trim() ?? '';

/**
 * Node's spec reporter: nesting by indentation (`▶ suite` opens a group that a line with the
 * same name and a duration closes), names joined by spaces as in its TAP; the `failing tests:`
 * list at the end gives each failure's file. TAP on stdout (Node 20's default off a terminal)
 * goes to the TAP reader.
 */
export function readNodeConsole(output: ConsoleOutput): Reading | null {
  if (/^TAP version \d+$/m.test(output.stdout)) {
    try {
      return readNodeTap(output.stdout.slice(output.stdout.search(/^TAP version/m)));
    } catch {
      return null;
    }
  }
  const lines = output.stdout.split('\n');
  const totalLine = lines.map((line) => TOTAL.exec(line.trim())).find((match) => match !== null);
  if (!totalLine) return null;
  const end = lines.findIndex((line) => line.startsWith('✖ failing tests:'));
  const body = end === -1 ? lines : lines.slice(0, end);
  const groups: { indent: number; name: string }[] = [];
  const failedTests: FailedTest[] = [];
  const loadFailures: FailedTest[] = [];
  const passedTestIds: string[] = [];
  let skipped = 0;
  let lastMarked = -1;
  body.forEach((line, index) => {
    const marked = MARKED.exec(line.trimStart());
    if (!marked) return;
    const indent = indentOf(line);
    const [, mark, name, duration, directive] = marked as unknown as [
      string,
      string,
      string,
      string?,
      string?,
    ];
    const before = lastMarked;
    lastMarked = index;
    while (groups.length > 0 && (groups.at(-1) as { indent: number }).indent > indent) groups.pop();
    const top = groups.at(-1);
    if (top && top.indent === indent && top.name === name && duration !== undefined) {
      groups.pop();
      return;
    }
    if (mark === '▶') {
      if (top?.indent === indent) groups.pop();
      groups.push({ indent, name });
      return;
    }
    const fullName = [...groups.map((group) => group.name), name].join(' ');
    if (directive !== undefined || mark === '﹣') skipped++;
    else if (mark === '✔') passedTestIds.push(fullName);
    else if (indent === 0 && isFilePath(name)) {
      const crash = body.slice(before + 1, index);
      loadFailures.push({
        id: name,
        name,
        file: name,
        message: errorLine(crash) || 'test file failed',
        output: crash.join('\n').trim(),
      });
    } else {
      const details = dedent(blockAfter(body, index, indent));
      failedTests.push({
        id: fullName,
        name: fullName,
        file: null,
        message: firstLine(details),
        output: details,
      });
    }
  });
  return createReading({
    failedTests: end === -1 ? failedTests : withFiles(failedTests, lines.slice(end)),
    loadFailures,
    passedTestIds,
    skipped,
    sawNoTests: Number(totalLine[1]) === 0,
  });
}

/** `test at test/io.test.js:6:5` then `✖ leaf name (…)`: files for the failures, in order. */
function withFiles(failures: readonly FailedTest[], tail: readonly string[]): FailedTest[] {
  const located: { file: string; leaf: string }[] = [];
  tail.forEach((line, index) => {
    const at = /^test at (.+?):\d+:\d+$/.exec(line.trim());
    const next = MARKED.exec((tail[index + 1] ?? '').trim());
    if (at && next) located.push({ file: at[1] as string, leaf: next[2] as string });
  });
  return failures.map((failure) => {
    const match = located.findIndex(
      (entry) => failure.name === entry.leaf || failure.name.endsWith(` ${entry.leaf}`),
    );
    if (match === -1) return failure;
    const [entry] = located.splice(match, 1);
    return { ...failure, file: entry?.file ?? null };
  });
}
