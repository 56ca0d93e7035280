import { z } from 'zod';
import { TestResultSchema } from './test-result.js';

export const CommandResultSchema = z.object({
  /** null when the process was ended by a signal. */
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable().default(null),
  stdout: z.string(),
  stderr: z.string(),
  durationMs: z.number().nonnegative(),
  timedOut: z.boolean(),
  aborted: z.boolean().default(false),
  /** True when output passed the cap and only its tail was kept. */
  outputTruncated: z.boolean().default(false),
});
export type CommandResult = z.infer<typeof CommandResultSchema>;

/**
 * Why a test command could not run at all: its result says nothing about the code. Such a run
 * is never a failing test: a bisect step skips it, a candidate is not "still failing" for it.
 */
export const RUN_PROBLEM_KINDS = [
  /** The program was not found (exit 127, `sh: mocha: not found`, ENOENT). */
  'command-not-found',
  /** A package or module the project depends on is not installed (`Cannot find module 'x'`, `No module named x`). */
  'missing-dependency',
  /** The workspace's setup command (installing dependencies) failed. */
  'setup-failed',
  /** The runner ended before reporting any test, with no sign of the project's code failing. */
  'crashed',
  /** The runner ran and found no tests. */
  'no-tests',
] as const;
export const RunProblemSchema = z.object({
  kind: z.enum(RUN_PROBLEM_KINDS),
  /** One sentence with the evidence, e.g. `sh: 1: mocha: not found`. */
  message: z.string(),
});
export type RunProblem = z.infer<typeof RunProblemSchema>;

export const TestRunResultSchema = z.object({
  command: CommandResultSchema,
  result: TestResultSchema,
  /** Set when the command could not run the tests; `result` then holds no verdict on the code. */
  problem: RunProblemSchema.optional(),
  /** True when only the requested focus tests ran (the runner could be asked to filter). */
  focused: z.boolean().optional(),
});
export type TestRunResult = z.infer<typeof TestRunResultSchema>;

export function commandSucceeded(result: CommandResult): boolean {
  return result.exitCode === 0 && !result.timedOut && !result.aborted;
}
