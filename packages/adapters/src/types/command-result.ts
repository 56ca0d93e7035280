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

export const TestRunResultSchema = z.object({
  command: CommandResultSchema,
  result: TestResultSchema,
});
export type TestRunResult = z.infer<typeof TestRunResultSchema>;

export function commandSucceeded(result: CommandResult): boolean {
  return result.exitCode === 0 && !result.timedOut && !result.aborted;
}
