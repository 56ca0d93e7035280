import type { FailedTest } from '@healing/adapters';
import { createReading, firstLine, type Reading } from '../reading.js';
import { allLines, type ConsoleOutput, indentOf } from './console-output.js';

const SUMMARY = /^\s*(\d+) (passing|failing|pending)\b/;
const PASSED = /^[✔✓] (.*?)(?: \(\d+m?s\))?$/;
const FAILED_IN_TREE = /^\d+\) /;
const FAILURE_START = /^ {2}(\d+)\) (.*)$/;

/** Full titles of the passed tests, from the spec reporter's indented tree. */
function readTree(lines: readonly string[]): string[] {
  const suites: { indent: number; title: string }[] = [];
  const passed: string[] = [];
  for (const line of lines) {
    const text = line.trim();
    if (text === '') continue;
    const indent = indentOf(line);
    while (suites.length > 0 && (suites.at(-1) as { indent: number }).indent >= indent) suites.pop();
    const pass = PASSED.exec(text);
    if (pass) passed.push([...suites.map((suite) => suite.title), pass[1]].join(' '));
    else if (!FAILED_IN_TREE.test(text) && !text.startsWith('- ')) suites.push({ indent, title: text });
  }
  return passed;
}

/** The numbered failures after the summary: `1) suite\n   nested\n     test:` then the error. */
function readFailures(lines: readonly string[]): FailedTest[] {
  const failures: FailedTest[] = [];
  let index = 0;
  while (index < lines.length) {
    const start = FAILURE_START.exec(lines[index] as string);
    if (!start) {
      index++;
      continue;
    }
    const parts = [start[2] as string];
    while (!(parts.at(-1) as string).endsWith(':') && index + 1 < lines.length) {
      index++;
      parts.push((lines[index] as string).trim());
    }
    const name = parts.join(' ').replace(/:$/, '');
    const body: string[] = [];
    for (index++; index < lines.length && !FAILURE_START.test(lines[index] as string); index++)
      body.push(lines[index] as string);
    const output = body.join('\n').trim();
    failures.push({ id: name, name, file: null, message: firstLine(output), output });
  }
  return failures;
}

/**
 * Mocha's console (spec, and the summary every built-in reporter prints): passes from the
 * tree, failures with their full titles from the numbered list. No file is printed: ids are
 * the full titles.
 */
export function readMochaConsole(output: ConsoleOutput): Reading | null {
  const lines = allLines(output);
  if (lines.some((line) => /^Error: No test files found/.test(line.trim())))
    return createReading({ sawNoTests: true });
  const summaryAt = lines.findIndex((line) => SUMMARY.test(line) && /passing \(\d/.test(line));
  if (summaryAt === -1) return null;
  const counts = { passing: 0, failing: 0, pending: 0 };
  let after = summaryAt;
  while (after < lines.length && SUMMARY.test(lines[after] as string)) {
    const [, count, kind] = SUMMARY.exec(lines[after] as string) as RegExpExecArray;
    counts[kind as keyof typeof counts] = Number(count);
    after++;
  }
  const passedTestIds = readTree(lines.slice(0, summaryAt));
  return createReading({
    passedTestIds,
    unnamedPassed: Math.max(0, counts.passing - passedTestIds.length),
    failedTests: readFailures(lines.slice(after)),
    skipped: counts.pending,
  });
}
