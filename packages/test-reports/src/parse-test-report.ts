import type { TestReportFormat, TestResult } from '@healing/adapters';
import { isVitestJson, parseJestJson } from './parse-jest-json.js';
import { parseJunit } from './parse-junit.js';
import { parseTap } from './parse-tap.js';
import { reportParseError } from './report-error.js';

export type ParsableReportFormat = Exclude<TestReportFormat, 'exit-code'>;

/** Guesses a report's format from its first meaningful characters. */
export function detectReportFormat(text: string): ParsableReportFormat {
  const start = text.trimStart();
  if (start.startsWith('<')) return 'junit';
  if (start.startsWith('{')) {
    try {
      return isVitestJson(JSON.parse(start)) ? 'vitest-json' : 'jest-json';
    } catch (error) {
      throw reportParseError('JSON', error instanceof Error ? error.message : String(error), error);
    }
  }
  if (/^(TAP version \d+|1\.\.\d+|(not )?ok\b)/m.test(start)) return 'tap';
  throw reportParseError('any known format', 'it is neither JUnit XML, TAP nor vitest/jest JSON');
}

/** Parses a test runner's report (JUnit XML, TAP, vitest or jest JSON) into a TestResult. */
export function parseTestReport(text: string, format: ParsableReportFormat | 'auto' = 'auto'): TestResult {
  const resolved = format === 'auto' ? detectReportFormat(text) : format;
  switch (resolved) {
    case 'junit':
      return parseJunit(text);
    case 'tap':
      return parseTap(text);
    case 'jest-json':
    case 'vitest-json':
      return parseJestJson(text, resolved);
  }
}
