import type { FailedTest } from '@healing/adapters';
import { z } from 'zod';
import { createReading, firstLine, type Reading } from './reading.js';
import { reportParseError } from './report-error.js';

const AssertionSchema = z.object({
  fullName: z.string().optional(),
  title: z.string().default(''),
  ancestorTitles: z.array(z.string()).default([]),
  status: z.string(),
  duration: z.number().nullable().optional(),
  failureMessages: z.array(z.string()).nullable().default([]),
});

const JestReportSchema = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      status: z.string().optional(),
      message: z.string().default(''),
      assertionResults: z.array(AssertionSchema).default([]),
    }),
  ),
});

/** The JSON report of jest (`--json`) and of vitest (`--reporter=json`), which shares its shape. */
export function readJestJson(text: string, source: 'jest-json' | 'vitest-json'): Reading {
  let report: z.infer<typeof JestReportSchema>;
  try {
    report = JestReportSchema.parse(JSON.parse(text));
  } catch (error) {
    throw reportParseError(
      source,
      error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
      error,
    );
  }
  const failedTests: FailedTest[] = [];
  const loadFailures: FailedTest[] = [];
  const passedTestIds: string[] = [];
  let skipped = 0;
  let durationMs = 0;
  for (const file of report.testResults) {
    for (const assertion of file.assertionResults) {
      const name = assertion.fullName ?? [...assertion.ancestorTitles, assertion.title].join(' ');
      const id = `${file.name} > ${name}`;
      durationMs += assertion.duration ?? 0;
      if (assertion.status === 'passed') passedTestIds.push(id);
      else if (assertion.status === 'failed') {
        const output = (assertion.failureMessages ?? []).join('\n');
        failedTests.push({ id, name, file: file.name, message: output.split('\n')[0] ?? '', output });
      } else skipped++;
    }
    // A file that failed before any test ran (syntax error, failing import) has no assertions;
    // one whose hooks failed after its tests passed has some.
    if (file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed')) {
      const failure: FailedTest = {
        id: file.name,
        name: file.name,
        file: file.name,
        message: firstLine(file.message.replace(/^\s*●.*$/gm, '')) || 'test file failed to run',
        output: file.message,
      };
      (file.assertionResults.length === 0 ? loadFailures : failedTests).push(failure);
    }
  }
  return createReading({ failedTests, loadFailures, passedTestIds, skipped, durationMs });
}

/** Vitest adds `meta` to every assertion; jest never does. */
export function isVitestJson(value: unknown): boolean {
  const results = (value as { testResults?: Array<{ assertionResults?: unknown[] }> }).testResults;
  return (
    Array.isArray(results) &&
    results.some((file) =>
      file.assertionResults?.some((a) => typeof a === 'object' && a !== null && 'meta' in a),
    )
  );
}
