import type { FailedTest } from '@healing/adapters';
import { createReading, type Reading } from '../reading.js';

/** Absolute paths inside rootDir, in ids and files, become relative to it. */
export function relativizeReading(reading: Reading, rootDir: string | null): Reading {
  if (rootDir === null) return reading;
  const prefix = `${rootDir.replace(/\/+$/, '')}/`;
  const strip = (text: string): string => (text.startsWith(prefix) ? text.slice(prefix.length) : text);
  const test = (failed: FailedTest): FailedTest => ({
    ...failed,
    id: strip(failed.id),
    file: failed.file === null ? null : strip(failed.file),
  });
  return createReading({
    ...reading,
    passedTestIds: reading.passedTestIds.map(strip),
    failedTests: reading.failedTests.map(test),
    loadFailures: reading.loadFailures.map(test),
  });
}

/**
 * Two tests with one id (a runner that really reports the same full name twice, or the same
 * suite run twice) stay distinct: the second is `id (2)`.
 */
export function distinctIds(reading: Reading): Reading {
  const seen = new Map<string, number>();
  const next = (id: string): string => {
    const count = (seen.get(id) ?? 0) + 1;
    seen.set(id, count);
    return count === 1 ? id : `${id} (${count})`;
  };
  return createReading({
    ...reading,
    passedTestIds: reading.passedTestIds.map(next),
    failedTests: reading.failedTests.map((test) => ({ ...test, id: next(test.id) })),
    loadFailures: reading.loadFailures.map((test) => ({ ...test, id: next(test.id) })),
  });
}
