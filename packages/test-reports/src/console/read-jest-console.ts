import type { FailedTest } from '@healing/adapters';
import { createReading, firstLine, type Reading } from '../reading.js';
import { allLines, blockAfter, type ConsoleOutput, dedent, indentOf } from './console-output.js';

const FILE_HEADER = /^(PASS|FAIL) (\S+)/;
const FAILURE_HEADER = /^ {2}● (.+)$/;
const TREE_TEST = /^([✓✕○✎]) (?:(?:skipped|todo) )?(.*?)(?: \(\d+(?:\.\d+)? m?s\))?$/;
const SUMMARY = /^Tests:\s+(.*)$/;

function summaryCount(summary: string, kind: string): number {
  return Number(new RegExp(`(\\d+) ${kind}\\b`).exec(summary)?.[1] ?? 0);
}

/** `--verbose` trees under each `PASS file` line: full names of passed tests. */
function readTree(lines: readonly string[], from: number, file: string, passed: string[]): void {
  const suites: { indent: number; title: string }[] = [];
  for (let index = from; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() === '' || FAILURE_HEADER.test(line) || FILE_HEADER.test(line)) return;
    const indent = indentOf(line);
    while (suites.length > 0 && (suites.at(-1) as { indent: number }).indent >= indent) suites.pop();
    const test = TREE_TEST.exec(line.trim());
    if (!test) suites.push({ indent, title: line.trim() });
    else if (test[1] === '✓') passed.push(`${file} > ${[...suites.map((s) => s.title), test[2]].join(' ')}`);
  }
}

/**
 * Jest's default reporter (on stderr): `● suite › test` failures under their `FAIL file` line,
 * passes named only with `--verbose` (otherwise counted from the `Tests:` summary).
 */
export function readJestConsole(output: ConsoleOutput): Reading | null {
  const lines = allLines(output);
  if (lines.some((line) => line.startsWith('No tests found, exiting with code')))
    return createReading({ sawNoTests: true });
  const summary = lines.map((line) => SUMMARY.exec(line)?.[1]).find((found) => found !== undefined);
  if (summary === undefined && !lines.some((line) => FILE_HEADER.test(line))) return null;
  const failedTests: FailedTest[] = [];
  const loadFailures: FailedTest[] = [];
  const passedTestIds: string[] = [];
  let file: string | null = null;
  lines.forEach((line, index) => {
    const header = FILE_HEADER.exec(line);
    if (header) {
      file = header[2] as string;
      readTree(lines, index + 1, file, passedTestIds);
      return;
    }
    const failure = FAILURE_HEADER.exec(line);
    if (!failure || file === null) return;
    const body = dedent(blockAfter(lines, index, 2));
    if (failure[1] === 'Test suite failed to run') {
      loadFailures.push({ id: file, name: file, file, message: firstLine(body) || failure[1], output: body });
      return;
    }
    const name = (failure[1] as string).split(' › ').join(' ');
    failedTests.push({ id: `${file} > ${name}`, name, file, message: firstLine(body), output: body });
  });
  const passed = summary === undefined ? passedTestIds.length : summaryCount(summary, 'passed');
  return createReading({
    passedTestIds,
    unnamedPassed: Math.max(0, passed - passedTestIds.length),
    failedTests,
    loadFailures,
    skipped: summary === undefined ? 0 : summaryCount(summary, 'skipped') + summaryCount(summary, 'todo'),
  });
}
