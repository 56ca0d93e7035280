import type { FailedTest } from '@healing/adapters';
import { z } from 'zod';
import { createReading, firstLine, type Reading } from './reading.js';
import { reportParseError } from './report-error.js';

const MochaTestSchema = z.object({
  title: z.string().default(''),
  fullTitle: z.string().optional(),
  file: z.string().optional(),
  duration: z.number().optional(),
  err: z.object({ message: z.string().optional(), stack: z.string().optional() }).passthrough().default({}),
});

const MochaReportSchema = z.object({
  stats: z.object({ tests: z.number().optional() }).passthrough(),
  passes: z.array(MochaTestSchema).default([]),
  failures: z.array(MochaTestSchema).default([]),
  pending: z.array(MochaTestSchema).default([]),
});

type MochaTest = z.infer<typeof MochaTestSchema>;

const testName = (test: MochaTest): string => test.fullTitle ?? test.title;
const testId = (test: MochaTest): string => (test.file ? `${test.file} > ${testName(test)}` : testName(test));

/** True for the JSON mocha's `json` reporter writes (`stats` plus `passes`/`failures`). */
export function isMochaJson(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    'stats' in value &&
    ('passes' in value || 'failures' in value)
  );
}

/** Mocha's JSON reporter (`--reporter json`); hook failures (`"before all" hook …`) count as failed tests. */
export function readMochaJson(text: string): Reading {
  let report: z.infer<typeof MochaReportSchema>;
  try {
    report = MochaReportSchema.parse(JSON.parse(text));
  } catch (error) {
    throw reportParseError(
      'mocha JSON',
      error instanceof Error ? firstLine(error.message) : String(error),
      error,
    );
  }
  const failedTests: FailedTest[] = report.failures.map((test) => {
    const output = test.err.stack ?? test.err.message ?? '';
    return {
      id: testId(test),
      name: testName(test),
      file: test.file ?? null,
      message: firstLine(test.err.message ?? '') || firstLine(output),
      output,
    };
  });
  const all = [...report.passes, ...report.failures, ...report.pending];
  return createReading({
    passedTestIds: report.passes.map(testId),
    failedTests,
    skipped: report.pending.length,
    durationMs: all.reduce((sum, test) => sum + (test.duration ?? 0), 0),
    sawNoTests: all.length === 0,
  });
}

/** Old mochas ignore `--reporter-option output=` and print the JSON on stdout: find it there. */
export function findMochaJson(stdout: string): string | null {
  const start = stdout.search(/^\{\s*$/m);
  if (start === -1) return null;
  const end = stdout.lastIndexOf('}');
  const candidate = stdout.slice(start, end + 1);
  try {
    return isMochaJson(JSON.parse(candidate)) ? candidate : null;
  } catch {
    return null;
  }
}
