import type { CommandResult, ExecutionAdapter, FailedTest, TestRunResult } from '@healing/adapters';
import type { CommandConfig } from '../config/heal-config.js';
import { focusCommand } from './focus-command.js';
import type { HealContext } from './heal-context.js';

type Runner = Pick<HealContext, 'config' | 'metrics' | 'signal'>;

/**
 * Runs the configured test command once and counts it. With `focus`, only those tests run
 * where that is possible: through `test.focusCommand` when configured (with their files),
 * else by asking the execution to filter the runner; `focused` in the result says whether it did.
 */
export async function runTestSuite(
  context: Runner,
  execution: ExecutionAdapter,
  options: { readonly cwd?: string; readonly focus?: readonly FailedTest[] } = {},
): Promise<TestRunResult> {
  const { test } = context.config;
  const { focus } = options;
  const files = focus === undefined ? [] : filesOf(focus);
  const byTemplate = focus !== undefined && test.focusCommand !== undefined && files.length > 0;
  const run = await execution.runTests({
    command: byTemplate && test.focusCommand ? focusCommand(test.focusCommand, files) : test.command,
    timeoutMs: test.timeoutMs,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...(test.env ? { env: test.env } : {}),
    ...(test.report
      ? {
          report: {
            format: test.report.format,
            ...(test.report.path === undefined ? {} : { path: test.report.path }),
          },
        }
      : {}),
    ...(focus !== undefined && !byTemplate
      ? { focus: focus.map(({ id, name, file }) => ({ id, name, file })) }
      : {}),
    ...(context.signal ? { signal: context.signal } : {}),
  });
  // A run the abort cut short says nothing about the code: stop before anyone judges it.
  context.signal?.throwIfAborted();
  const isFocused = byTemplate || run.focused === true;
  context.metrics.testRuns += 1;
  if (isFocused) context.metrics.focusedRuns += 1;
  context.metrics.commandMs += run.command.durationMs;
  return { ...run, focused: isFocused };
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
  context.signal?.throwIfAborted();
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

/**
 * The tests to focus reruns on (the deterministic failures), or undefined when the whole
 * suite must run: focus is off, or a target is the command as a whole (a lint step, a
 * non-zero exit) that only a full run can judge.
 */
export function focusTargets(
  context: Pick<HealContext, 'before' | 'targetIds' | 'focus'>,
): readonly FailedTest[] | undefined {
  if (!context.focus.isEnabled) return undefined;
  const targets = context.before.failedTests.filter((test) => context.targetIds.includes(test.id));
  if (targets.length === 0 || targets.some((test) => test.scope === 'command')) return undefined;
  return targets;
}

/** Whether a run focused on `focus` ran at least one of those tests (a filter can match nothing). */
export function ranFocusTargets(run: TestRunResult, focus: readonly FailedTest[]): boolean {
  const seen = new Set([...run.result.passedTestIds, ...run.result.failedTests.map((test) => test.id)]);
  return run.problem === undefined && focus.some((test) => seen.has(test.id));
}

/**
 * Runs the suite focused on the target tests when focus is on; when the focused run did not
 * run them at all (the runner's filter matched nothing), focus is switched off for the rest
 * of the heal and the suite runs again in full. For runs at the failing revision, where the
 * target tests exist.
 */
export async function runTargets(
  context: Pick<HealContext, 'config' | 'metrics' | 'signal' | 'before' | 'targetIds' | 'focus'>,
  execution: ExecutionAdapter,
  options: { readonly cwd?: string } = {},
): Promise<TestRunResult> {
  const focus = focusTargets(context);
  const run = await runTestSuite(context, execution, { ...options, ...(focus ? { focus } : {}) });
  if (focus === undefined || !run.focused || ranFocusTargets(run, focus)) return run;
  // A run that could not start says nothing about the filter.
  if (run.problem !== undefined && run.problem.kind !== 'no-tests') return run;
  context.focus.isEnabled = false;
  return runTestSuite(context, execution, options);
}

function filesOf(tests: readonly FailedTest[]): string[] {
  const files = tests.map((test) => test.file);
  // Every focused test must name its file, or a focused run could leave one out.
  if (files.some((file) => !file)) return [];
  return [...new Set(files as string[])];
}
