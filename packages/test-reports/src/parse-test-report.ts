import type { TestReportFormat, TestResult } from '@healing/adapters';
import { hasGoJsonEvents, readGoJson } from './parse-go-json.js';
import { isVitestJson, readJestJson } from './parse-jest-json.js';
import { readJunit } from './parse-junit.js';
import { isMochaJson, readMochaJson } from './parse-mocha-json.js';
import { readTap } from './parse-tap.js';
import { type Reading, toTestResult } from './reading.js';
import { reportParseError } from './report-error.js';

/** The formats a report file (or go's stdout) can be parsed from; `console` needs the runner's name. */
export type ParsableReportFormat = Exclude<TestReportFormat, 'exit-code' | 'console'>;

/** Guesses a report's format from its first meaningful characters. */
export function detectReportFormat(text: string): ParsableReportFormat {
  const start = text.trimStart();
  if (start.startsWith('<')) return 'junit';
  if (start.startsWith('{')) {
    if (hasGoJsonEvents(start)) return 'go-json';
    try {
      const value: unknown = JSON.parse(start);
      if (isMochaJson(value)) return 'mocha-json';
      return isVitestJson(value) ? 'vitest-json' : 'jest-json';
    } catch (error) {
      throw reportParseError('JSON', error instanceof Error ? error.message : String(error), error);
    }
  }
  if (/^(TAP version \d+|1\.\.\d+|(not )?ok\b)/m.test(start)) return 'tap';
  throw reportParseError(
    'any known format',
    'it is neither JUnit XML, TAP, go test -json, nor mocha, vitest or jest JSON',
  );
}

/** Reads a report in a known format; internal, richer than the TestResult it becomes. */
export function readReport(text: string, format: ParsableReportFormat): Reading {
  switch (format) {
    case 'junit':
      return readJunit(text);
    case 'tap':
      return readTap(text);
    case 'jest-json':
    case 'vitest-json':
      return readJestJson(text, format);
    case 'mocha-json':
      return readMochaJson(text);
    case 'go-json':
      return readGoJson(text);
  }
}

/** Parses a test runner's report (JUnit XML, TAP, go test -json, mocha, vitest or jest JSON) into a TestResult. */
export function parseTestReport(text: string, format: ParsableReportFormat | 'auto' = 'auto'): TestResult {
  const resolved = format === 'auto' ? detectReportFormat(text) : format;
  return toTestResult(readReport(text, resolved), resolved);
}
