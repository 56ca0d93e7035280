import { z } from 'zod';

export const FailedTestSchema = z.object({
  /** Stable id: the file (relative to where the command ran) plus the full test name, as the runner reports it. */
  id: z.string().min(1),
  name: z.string(),
  file: z.string().nullable().default(null),
  message: z.string().default(''),
  output: z.string().default(''),
  /**
   * `command`: no test was named; the test command as a whole failed (a lint step before the
   * tests, a non-zero exit though every test passed). It passes when the command succeeds.
   */
  scope: z.literal('command').optional(),
});
export type FailedTest = z.infer<typeof FailedTestSchema>;

/**
 * Where a result came from: a runner's report file, its console output (`console`: the summary
 * a runner prints, read test by test), or only the exit code (`exit-code`: one synthetic test).
 */
export const TEST_REPORT_FORMATS = [
  'junit',
  'tap',
  'vitest-json',
  'jest-json',
  'mocha-json',
  'go-json',
  'console',
  'exit-code',
] as const;
export const TestReportFormatSchema = z.enum(TEST_REPORT_FORMATS);
export type TestReportFormat = z.infer<typeof TestReportFormatSchema>;

export const TestResultSchema = z.object({
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  /** Always an array; empty when nothing failed. */
  failedTests: z.array(FailedTestSchema).default([]),
  /** Ids of the tests that passed, so a later run can tell what newly broke. */
  passedTestIds: z.array(z.string()).default([]),
  /** Where the counts came from; `exit-code` means no report was found and counts are 0/1. */
  source: TestReportFormatSchema,
  /** The test runner that produced the result, when it was identified (mocha, jest, vitest, node, pytest, go, cargo). */
  runner: z.string().optional(),
});
export type TestResult = z.infer<typeof TestResultSchema>;

export interface TestResultInput {
  readonly passed?: number;
  readonly skipped?: number;
  readonly durationMs?: number;
  readonly failedTests?: readonly FailedTest[];
  readonly passedTestIds?: readonly string[];
  readonly source: TestReportFormat;
  readonly runner?: string;
}

/** Builds a consistent TestResult: `failed` and `total` are derived, never typed twice. */
export function createTestResult(input: TestResultInput): TestResult {
  const failedTests = [...(input.failedTests ?? [])];
  const passedTestIds = [...(input.passedTestIds ?? [])];
  const passed = input.passed ?? passedTestIds.length;
  const skipped = input.skipped ?? 0;
  return {
    passed,
    failed: failedTests.length,
    skipped,
    total: passed + failedTests.length + skipped,
    durationMs: input.durationMs ?? 0,
    failedTests,
    passedTestIds,
    source: input.source,
    ...(input.runner === undefined ? {} : { runner: input.runner }),
  };
}

export function isGreen(result: TestResult): boolean {
  return result.failed === 0 && result.failedTests.length === 0;
}
