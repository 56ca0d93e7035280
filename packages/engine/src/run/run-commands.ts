import type { CommandResult, ExecutionAdapter, TestRunResult } from '@healing/adapters';
import type { CommandConfig } from '../config/heal-config.js';
import { focusCommand } from './focus-command.js';
import type { HealContext } from './heal-context.js';

type Runner = Pick<HealContext, 'config' | 'metrics' | 'signal'>;

/**
 * Runs the configured test command once and counts it; with `focusFiles` (and a configured
 * `test.focusCommand`) only those test files run.
 */
export async function runTestSuite(
  context: Runner,
  execution: ExecutionAdapter,
  cwd?: string,
  focusFiles?: readonly string[],
): Promise<TestRunResult> {
  const { test } = context.config;
  const command =
    focusFiles !== undefined && test.focusCommand !== undefined
      ? focusCommand(test.focusCommand, focusFiles)
      : test.command;
  const run = await execution.runTests({
    command,
    timeoutMs: test.timeoutMs,
    ...(cwd === undefined ? {} : { cwd }),
    ...(test.env ? { env: test.env } : {}),
    ...(test.report
      ? {
          report: {
            format: test.report.format,
            ...(test.report.path === undefined ? {} : { path: test.report.path }),
          },
        }
      : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  context.metrics.testRuns += 1;
  context.metrics.commandMs += run.command.durationMs;
  return run;
}

/** Runs a build, lint or fixer command and counts its time. */
export async function runConfiguredCommand(
  context: Runner,
  execution: ExecutionAdapter,
  command: CommandConfig,
  cwd?: string,
): Promise<CommandResult> {
  const result = await execution.run({
    command: command.command,
    timeoutMs: command.timeoutMs,
    ...(cwd === undefined ? {} : { cwd }),
    ...(command.env ? { env: command.env } : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  context.metrics.commandMs += result.durationMs;
  return result;
}

/** A command line as one string, for reports. */
export function describeCommand(command: string | readonly string[]): string {
  return typeof command === 'string' ? command : command.join(' ');
}

/** The last lines of a command's output, for reports and model feedback. */
export function outputTail(result: CommandResult, maxChars = 2_000): string {
  const text = `${result.stdout}\n${result.stderr}`.trim();
  return text.length <= maxChars ? text : `…${text.slice(-maxChars)}`;
}

/** The failing test files to focus reruns on, or undefined when the whole suite must run. */
export function focusFilesOf(
  context: Pick<HealContext, 'config' | 'failingTestFiles' | 'before' | 'targetIds'>,
): readonly string[] | undefined {
  if (context.config.test.focusCommand === undefined || context.failingTestFiles.length === 0)
    return undefined;
  // Every target test must name its file, or a focused run could leave one out.
  const targets = context.before.failedTests.filter((test) => context.targetIds.includes(test.id));
  return targets.every((test) => test.file) ? context.failingTestFiles : undefined;
}
