import type { FailedTest } from '@healing/adapters';
import { Parser, type Result } from 'tap-parser';
import { createReading, firstLine, type Reading } from './reading.js';
import { reportParseError } from './report-error.js';

interface Diag {
  readonly location?: unknown;
  readonly error?: unknown;
  readonly stack?: unknown;
  readonly exitCode?: unknown;
}

const locationFile = (location: unknown): string | null =>
  typeof location === 'string' ? location.replace(/:\d+:\d+$/, '') : null;
const isFilePath = (name: string): boolean => /^(\/|[A-Za-z]:\\)|\.[cm]?[jt]sx?$/.test(name);
/** The error line of a crashed file's output (`SyntaxError: Unexpected token ';'`). */
const errorLine = (text: string): string =>
  text
    .split('\n')
    .find((line) => /^\s*(\w+Error|Error)(\s\[\w+\])?:/.test(line))
    ?.trim() ?? firstLine(text);

/**
 * Node's test runner TAP (`--test-reporter=tap`): names are the test's ancestors and its own
 * name joined by spaces (what --test-name-pattern matches on Node 22+); only failures carry a
 * `location`, so ids are the full name and the file goes on failures only, to keep one id per
 * test whether it passes or fails. A file that crashed before its tests ran is a load failure.
 */
export function readNodeTap(text: string): Reading {
  const failedTests: FailedTest[] = [];
  const loadFailures: FailedTest[] = [];
  const passedTestIds: string[] = [];
  let skipped = 0;
  let durationMs = 0;
  let sawTap = false;
  let declaredTests: number | null = null;

  interface Counts {
    asserts: number;
    failures: number;
  }
  const watch = (parser: Parser, names: readonly string[], counts: Counts): void => {
    let lastChild: Counts | null = null;
    let comments: string[] = [];
    parser.on('child', (child: Parser) => {
      const childCounts: Counts = { asserts: 0, failures: 0 };
      lastChild = childCounts;
      watch(child, [...names, child.name], childCounts);
    });
    parser.on('comment', (comment: string) => {
      const line = comment.replace(/^# ?/, '').replace(/\n$/, '');
      const total = /^tests (\d+)$/.exec(line);
      if (total && names.length === 0) declaredTests = Number(total[1]);
      if (!line.startsWith('Subtest: ')) comments.push(line);
    });
    parser.on('plan', () => {
      sawTap = true;
    });
    parser.on('assert', (result: Result) => {
      sawTap = true;
      const child: Counts | null = lastChild;
      lastChild = null;
      const output = comments.join('\n');
      comments = [];
      const diag = (result.diag ?? {}) as Diag;
      if (names.length === 0) durationMs += Number((diag as { duration_ms?: unknown }).duration_ms) || 0;
      if (child !== null && child.asserts > 0) {
        counts.asserts += child.asserts;
        counts.failures += child.failures;
        // A suite or parent test counts only when it failed with no failed test inside (a hook).
        if (result.ok || child.failures > 0) return;
      }
      counts.asserts++;
      if (!result.ok && !result.skip && !result.todo) counts.failures++;
      const name = [...names, result.name].join(' ');
      if (result.skip || result.todo) skipped++;
      else if (result.ok) passedTestIds.push(name);
      else if (names.length === 0 && isFilePath(result.name) && diag.exitCode !== undefined) {
        loadFailures.push({
          id: result.name,
          name: result.name,
          file: result.name,
          message: errorLine(output) || String(diag.error ?? 'test file failed'),
          output,
        });
      } else {
        const details = [diag.error, diag.stack].filter((part): part is string => typeof part === 'string');
        failedTests.push({
          id: name,
          name,
          file: locationFile(diag.location),
          message: firstLine(details[0] ?? '') || 'test failed',
          output: details.join('\n'),
        });
      }
    });
  };

  const root = new Parser();
  watch(root, [], { asserts: 0, failures: 0 });
  try {
    root.end(text);
  } catch (error) {
    throw reportParseError('TAP', error instanceof Error ? error.message : String(error), error);
  }
  if (!sawTap) throw reportParseError('TAP', 'no plan and no test points');
  return createReading({
    failedTests,
    loadFailures,
    passedTestIds,
    skipped,
    durationMs,
    sawNoTests: declaredTests === 0 && passedTestIds.length === 0 && failedTests.length === 0,
  });
}
