import { commandSucceeded, isHealingError, type TestResult } from '@healing/adapters';
import { applyToWorkspace } from '../candidate/apply-to-workspace.js';
import { judgeTestRun } from '../candidate/judge-test-run.js';
import type { HealContext } from '../run/heal-context.js';
import {
  describeCommand,
  focusFilesOf,
  outputTail,
  runConfiguredCommand,
  runTestSuite,
} from '../run/run-commands.js';

export type ValidationResult =
  | { readonly isValid: true; readonly after: TestResult; readonly testRuns: number }
  | {
      readonly isValid: false;
      readonly reason: string;
      readonly testRuns: number;
      readonly after?: TestResult;
      /** Test or command output explaining the refusal, fed back to the model. */
      readonly evidence: string;
    };

/**
 * Proves a candidate in a fresh workspace at the failing commit, never the user's tree:
 * it must apply, build and lint (when configured), then pass the suite `validation.repeat`
 * times with the failing tests passing and nothing that passed before failing.
 */
export async function validateCandidate(
  context: HealContext,
  patch: string,
  label: string,
): Promise<ValidationResult> {
  const workspace = await context.workspaces.create({ revision: context.sha, label });
  context.metrics.workspaces += 1;
  let testRuns = 0;
  try {
    try {
      await applyToWorkspace(workspace, patch);
    } catch (error) {
      if (!isHealingError(error)) throw error;
      return {
        isValid: false,
        reason: `does not apply: ${error.message}`,
        testRuns,
        evidence: error.message,
      };
    }
    for (const [key, command] of [
      ['build', context.config.build],
      ['lint', context.config.lint],
    ] as const) {
      if (command === undefined) continue;
      const result = await runConfiguredCommand(context, workspace.execution, command);
      if (!commandSucceeded(result)) {
        const evidence = outputTail(result);
        return {
          isValid: false,
          reason: `${key} command \`${describeCommand(command.command)}\` fails (exit ${result.exitCode ?? result.signal})`,
          testRuns,
          evidence,
        };
      }
    }
    // With a focus command: the failing tests' files `repeat` times, then the whole suite once;
    // without: the whole suite `repeat` times. Either way the last run is a full one.
    const focusFiles = focusFilesOf(context);
    const { repeat } = context.config.validation;
    const plan: Array<'targets' | 'suite'> =
      focusFiles === undefined ? Array(repeat).fill('suite') : [...Array(repeat).fill('targets'), 'suite'];
    let after: TestResult | undefined;
    for (const [index, scope] of plan.entries()) {
      const testRun = await runTestSuite(
        context,
        workspace.execution,
        undefined,
        scope === 'targets' ? focusFiles : undefined,
      );
      testRuns += 1;
      after = testRun.result;
      const judgement = judgeTestRun(after, { ...context, scope });
      if (!judgement.isPassing) {
        return {
          isValid: false,
          reason: `${judgement.reason} (validation run ${index + 1} of ${plan.length}${scope === 'targets' ? ', failing tests only' : ''})`,
          testRuns,
          after,
          evidence: failureEvidence(after, outputTail(testRun.command)),
        };
      }
    }
    return { isValid: true, after: after as TestResult, testRuns };
  } finally {
    await workspace.dispose();
  }
}

function failureEvidence(result: TestResult, output: string): string {
  const failures = result.failedTests.map((test) => `${test.id}: ${test.message}\n${test.output}`.trim());
  return [...failures, output].join('\n\n').slice(0, 6_000);
}
