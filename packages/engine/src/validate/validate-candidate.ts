import { commandSucceeded, isHealingError, type TestResult, type Workspace } from '@healing/adapters';
import { type AppliedCandidate, applyToWorkspace } from '../candidate/apply-to-workspace.js';
import { judgeTestRun } from '../candidate/judge-test-run.js';
import { findTestDefinitionChanges } from '../guardrails/test-definition.js';
import type { HealContext } from '../run/heal-context.js';
import {
  describeCommand,
  outputTail,
  runConfiguredCommand,
  runTargets,
  runTestSuite,
} from '../run/run-commands.js';
import { prepareWorkspace, withWorkspace } from '../run/with-workspace.js';

export type ValidationResult =
  | { readonly isValid: true; readonly after: TestResult; readonly testRuns: number }
  | {
      readonly isValid: false;
      readonly reason: string;
      readonly testRuns: number;
      readonly after?: TestResult;
      /** Test or command output explaining the refusal, fed back to the model. */
      readonly evidence: string;
      /** Paths refused because they define how the tests run (the rest of the change may be fine). */
      readonly testDefinitionPaths?: readonly string[];
    };

type Refusal = Extract<ValidationResult, { isValid: false }>;

/**
 * Proves a candidate in a fresh workspace at the failing commit, never the user's tree: it
 * must apply, leave the definition of the test command alone, build and lint (when
 * configured), then pass `validation.repeat` runs of the failing tests (focused where the
 * runner allows) and one run of the whole suite, with the failing tests passing, nothing that
 * passed before failing or disappearing, and no fewer tests running.
 */
export async function validateCandidate(
  context: HealContext,
  patch: string,
  label: string,
): Promise<ValidationResult> {
  return withWorkspace(context, { revision: context.sha, label, prepare: false }, async (workspace) => {
    const refused = await applyCandidate(context, workspace, patch);
    if (refused !== null) return refused;
    const setup = await prepareWorkspace(context, workspace, label);
    if (setup?.failure !== undefined) {
      return {
        isValid: false,
        reason: `the workspace could not be set up: ${setup.failure}`,
        testRuns: 0,
        evidence: setup.failure,
      };
    }
    for (const [key, command] of [
      ['build', context.config.build],
      ['lint', context.config.lint],
    ] as const) {
      if (command === undefined) continue;
      const result = await runConfiguredCommand(context, workspace.execution, command);
      if (!commandSucceeded(result)) {
        return {
          isValid: false,
          reason: `${key} command \`${describeCommand(command.command)}\` fails (exit ${result.exitCode ?? result.signal})`,
          testRuns: 0,
          evidence: outputTail(result),
        };
      }
    }
    return runValidationTests(context, workspace);
  });
}

/** Applies the patch, refusing one that does not apply or changes how the tests run. */
async function applyCandidate(
  context: HealContext,
  workspace: Workspace,
  patch: string,
): Promise<Refusal | null> {
  let applied: AppliedCandidate;
  try {
    applied = await applyToWorkspace(workspace, patch);
  } catch (error) {
    if (!isHealingError(error)) throw error;
    return {
      isValid: false,
      reason: `does not apply: ${error.message}`,
      testRuns: 0,
      evidence: error.message,
    };
  }
  const decoder = new TextDecoder();
  const texts = applied.changes.map((change) => {
    const previous = applied.previous.get(change.path);
    return {
      path: change.path,
      before: previous ? decoder.decode(previous) : null,
      after: change.kind === 'write' ? decoder.decode(change.content) : null,
    };
  });
  const violations = findTestDefinitionChanges(texts, context.config.test.command);
  if (violations.length === 0) return null;
  const reason = `refused by guardrails: ${violations.map((violation) => violation.message).join('; ')}`;
  const testDefinitionPaths = [...new Set(violations.flatMap((violation) => violation.path ?? []))];
  return { isValid: false, reason, testRuns: 0, evidence: reason, testDefinitionPaths };
}

async function runValidationTests(context: HealContext, workspace: Workspace): Promise<ValidationResult> {
  const { repeat } = context.config.validation;
  let testRuns = 0;
  let hasSuiteRun = false;
  let after: TestResult | undefined;
  // `repeat` runs of the failing tests (the whole suite where they cannot be singled out),
  // then the whole suite once unless one of those already was.
  for (let index = 0; index < repeat + 1; index += 1) {
    if (index === repeat && hasSuiteRun) break;
    const testRun =
      index < repeat
        ? await runTargets(context, workspace.execution)
        : await runTestSuite(context, workspace.execution);
    testRuns += 1;
    after = testRun.result;
    const scope = testRun.focused ? 'targets' : 'suite';
    hasSuiteRun ||= scope === 'suite';
    const where = `validation run ${index + 1}${scope === 'targets' ? ', failing tests only' : ', whole suite'}`;
    if (testRun.problem !== undefined) {
      return {
        isValid: false,
        reason: `the tests could not run (${testRun.problem.kind}: ${testRun.problem.message}) (${where})`,
        testRuns,
        after,
        evidence: outputTail(testRun.command),
      };
    }
    const judgement = judgeTestRun(after, { ...context, scope });
    if (!judgement.isPassing) {
      return {
        isValid: false,
        reason: `${judgement.reason} (${where})`,
        testRuns,
        after,
        evidence: failureEvidence(after, outputTail(testRun.command)),
      };
    }
  }
  return { isValid: true, after: after as TestResult, testRuns };
}

function failureEvidence(result: TestResult, output: string): string {
  const failures = result.failedTests.map((test) => `${test.id}: ${test.message}\n${test.output}`.trim());
  return [...failures, output].join('\n\n').slice(0, 6_000);
}
