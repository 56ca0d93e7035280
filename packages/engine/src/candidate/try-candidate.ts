import type { HealAttempt, HealStrategy, TestResult } from '@healing/adapters';
import { checkGuardrails } from '../guardrails/check-guardrails.js';
import type { PatchSummary } from '../guardrails/patch-summary.js';
import type { HealContext } from '../run/heal-context.js';
import { validateCandidate } from '../validate/validate-candidate.js';
import { summarizePatch } from './summarize-patch.js';

export interface CandidateInput {
  readonly strategy: HealStrategy;
  readonly patch: string;
  /** Describes where the candidate came from, e.g. "revert of 1a2b3c4". */
  readonly origin: string;
  /** When the strategy started working on this candidate (for the attempt's duration). */
  readonly startedAt: number;
  /** Test runs the strategy spent before the candidate existed (bisect steps). */
  readonly priorTestRuns?: number;
  readonly exemptTestFiles?: readonly string[];
  /** Files a partial change leaves as they are, and why (reported with the attempt). */
  readonly leftOut?: ReadonlyArray<{ readonly path: string; readonly reason: string }>;
}

export interface CandidateOutcome {
  readonly attempt: HealAttempt;
  readonly isAccepted: boolean;
  readonly after?: TestResult;
  /** Why it was refused, with output: what the model is told before its next attempt. */
  readonly evidence: string;
  /** Paths the candidate may not change because they define how the tests run. */
  readonly testDefinitionPaths?: readonly string[];
}

/** Runs one candidate through the guardrails, then validation; records the attempt either way. */
export async function tryCandidate(context: HealContext, input: CandidateInput): Promise<CandidateOutcome> {
  const base = { strategy: input.strategy, patch: input.patch };
  const finish = (
    outcome: 'accepted' | 'rejected',
    reason: string,
    testRuns: number,
    summary?: PatchSummary,
  ): HealAttempt => ({
    ...base,
    outcome,
    reason: `${input.origin}: ${reason}`,
    testRuns: (input.priorTestRuns ?? 0) + testRuns,
    durationMs: Math.max(0, context.now() - input.startedAt),
    ...(input.leftOut && input.leftOut.length > 0
      ? { leftOut: input.leftOut.map((entry) => ({ ...entry })) }
      : {}),
    ...(summary
      ? {
          diffStat: {
            files: summary.files.length,
            insertions: summary.insertions,
            deletions: summary.deletions,
          },
        }
      : {}),
  });
  const reject = (attempt: HealAttempt, evidence: string, after?: TestResult): CandidateOutcome => {
    context.emit({ type: 'candidate-rejected', strategy: input.strategy, reason: attempt.reason });
    return { attempt, isAccepted: false, evidence, ...(after ? { after } : {}) };
  };

  let summary: PatchSummary;
  try {
    summary = summarizePatch(input.patch);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return reject(finish('rejected', `not a valid diff: ${message}`, 0), message);
  }
  const violations = checkGuardrails(summary, {
    ...context.config.guardrails,
    failingTestFiles: context.failingTestFiles,
    ...(input.exemptTestFiles ? { exemptTestFiles: input.exemptTestFiles } : {}),
  });
  if (violations.length > 0) {
    const reason = `refused by guardrails: ${violations.map((violation) => violation.message).join('; ')}`;
    return reject(finish('rejected', reason, 0, summary), reason);
  }
  const validation = await validateCandidate(context, input.patch, `${input.strategy}-candidate`);
  if (!validation.isValid) {
    const attempt = finish(
      'rejected',
      `validation failed: ${validation.reason}`,
      validation.testRuns,
      summary,
    );
    const outcome = reject(attempt, `${validation.reason}\n${validation.evidence}`, validation.after);
    return validation.testDefinitionPaths
      ? { ...outcome, testDefinitionPaths: validation.testDefinitionPaths }
      : outcome;
  }
  context.emit({ type: 'candidate-validated', strategy: input.strategy, after: validation.after });
  const attempt = finish(
    'accepted',
    `validated: the failing tests pass in ${validation.testRuns} validation runs and nothing else broke`,
    validation.testRuns,
    summary,
  );
  return { attempt, isAccepted: true, after: validation.after, evidence: '' };
}
