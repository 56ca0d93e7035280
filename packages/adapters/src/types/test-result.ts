import { z } from 'zod';

export const FailedTestSchema = z.object({
  /** Stable id: file plus the full test name, as the runner reports it. */
  id: z.string().min(1),
  name: z.string(),
  file: z.string().nullable().default(null),
  message: z.string().default(''),
  output: z.string().default(''),
});
export type FailedTest = z.infer<typeof FailedTestSchema>;

export const TEST_REPORT_FORMATS = ['junit', 'tap', 'vitest-json', 'jest-json', 'exit-code'] as const;
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
});
export type TestResult = z.infer<typeof TestResultSchema>;

export interface TestResultInput {
  readonly passed?: number;
  readonly skipped?: number;
  readonly durationMs?: number;
  readonly failedTests?: readonly FailedTest[];
  readonly passedTestIds?: readonly string[];
  readonly source: TestReportFormat;
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
  };
}

export function isGreen(result: TestResult): boolean {
  return result.failed === 0 && result.failedTests.length === 0;
}
