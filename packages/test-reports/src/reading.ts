import { createTestResult, type FailedTest, type TestReportFormat, type TestResult } from '@healing/adapters';

/** What one parser read from one report or console: richer than a TestResult, merged before it becomes one. */
export interface Reading {
  readonly passedTestIds: readonly string[];
  /** Passed tests a summary counted without naming them (a console without verbose output). */
  readonly unnamedPassed: number;
  readonly failedTests: readonly FailedTest[];
  /** Files or packages that failed before their tests ran (a syntax error, a missing import). */
  readonly loadFailures: readonly FailedTest[];
  readonly skipped: number;
  readonly durationMs: number;
  /** The runner said it found no tests at all. */
  readonly sawNoTests: boolean;
}

export function createReading(parts: Partial<Reading>): Reading {
  return {
    passedTestIds: parts.passedTestIds ?? [],
    unnamedPassed: parts.unnamedPassed ?? 0,
    failedTests: parts.failedTests ?? [],
    loadFailures: parts.loadFailures ?? [],
    skipped: parts.skipped ?? 0,
    durationMs: parts.durationMs ?? 0,
    sawNoTests: parts.sawNoTests ?? false,
  };
}

/** Tests the reading names or counts, files that failed to load left out. */
export function countTests(reading: Reading): number {
  return reading.passedTestIds.length + reading.unnamedPassed + reading.failedTests.length + reading.skipped;
}

export function mergeReadings(readings: readonly Reading[]): Reading {
  return createReading({
    passedTestIds: readings.flatMap((reading) => reading.passedTestIds),
    unnamedPassed: readings.reduce((sum, reading) => sum + reading.unnamedPassed, 0),
    failedTests: readings.flatMap((reading) => reading.failedTests),
    loadFailures: readings.flatMap((reading) => reading.loadFailures),
    skipped: readings.reduce((sum, reading) => sum + reading.skipped, 0),
    durationMs: readings.reduce((sum, reading) => sum + reading.durationMs, 0),
    sawNoTests: readings.length > 0 && readings.every((reading) => reading.sawNoTests),
  });
}

export function toTestResult(reading: Reading, source: TestReportFormat, runner?: string): TestResult {
  return createTestResult({
    passed: reading.passedTestIds.length + reading.unnamedPassed,
    passedTestIds: reading.passedTestIds,
    failedTests: [...reading.failedTests, ...reading.loadFailures],
    skipped: reading.skipped,
    durationMs: reading.durationMs,
    source,
    ...(runner === undefined ? {} : { runner }),
  });
}

/** The first line with text in it, trimmed. */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}
