import type { FailedTest } from '@healing/adapters';
import { createReading, firstLine, type Reading } from '../reading.js';
import { allLines, type ConsoleOutput } from './console-output.js';

const FAILURE = /^ FAIL {2}(\S+)(?: > (.+)| \[ .+ \])$/;
const TESTS_SUMMARY = /^\s+Tests\s{2}(.*)$/;
const SEPARATOR = /^⎯/;

function summaryCount(summary: string, kind: string): number {
  return Number(new RegExp(`(\\d+) ${kind}\\b`).exec(summary)?.[1] ?? 0);
}

/**
 * Vitest's default reporter: failures as ` FAIL  file > suite > test` with the error below
 * (several failures with one error share it); passes only counted, its tree has no suite names.
 */
export function readVitestConsole(output: ConsoleOutput): Reading | null {
  const lines = allLines(output);
  if (lines.some((line) => line.startsWith('No test files found, exiting with code')))
    return createReading({ sawNoTests: true });
  const summary = lines.map((line) => TESTS_SUMMARY.exec(line)?.[1]).find((found) => found !== undefined);
  if (summary === undefined) return null;
  const failedTests: FailedTest[] = [];
  const loadFailures: FailedTest[] = [];
  let pending: { file: string; name: string | null }[] = [];
  let body: string[] = [];
  const flush = (): void => {
    const text = body.join('\n').trim();
    for (const { file, name } of pending) {
      if (name === null)
        loadFailures.push({ id: file, name: file, file, message: firstLine(text), output: text });
      else failedTests.push({ id: `${file} > ${name}`, name, file, message: firstLine(text), output: text });
    }
    pending = [];
    body = [];
  };
  for (const line of lines) {
    const failure = FAILURE.exec(line);
    if (failure) {
      if (body.some((text) => text.trim() !== '')) flush();
      pending.push({ file: failure[1] as string, name: failure[2]?.split(' > ').join(' ') ?? null });
    } else if (SEPARATOR.test(line) || TESTS_SUMMARY.test(line)) flush();
    else if (pending.length > 0) body.push(line);
  }
  flush();
  return createReading({
    unnamedPassed: summaryCount(summary, 'passed'),
    failedTests,
    loadFailures,
    skipped: summaryCount(summary, 'skipped') + summaryCount(summary, 'todo'),
  });
}
