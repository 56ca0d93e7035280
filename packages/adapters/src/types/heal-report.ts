import { z } from 'zod';
import { RunProblemSchema } from './command-result.js';
import { FailedTestSchema, TestResultSchema } from './test-result.js';
import { WorkspaceSetupSchema } from './workspace-setup.js';

export const HEAL_STRATEGIES = ['flaky', 'regression', 'autofix', 'model'] as const;
export const HealStrategySchema = z.enum(HEAL_STRATEGIES);
export type HealStrategy = z.infer<typeof HealStrategySchema>;

/**
 * healed: a validated change was delivered. flaky: the failure did not reproduce; no change.
 * green: nothing failed. not-healed: every strategy was tried and refused or failed.
 * duplicate: an earlier heal of the same (sha, fingerprint) already exists and was returned.
 */
export const HEAL_OUTCOMES = ['healed', 'flaky', 'green', 'not-healed', 'duplicate'] as const;
export const HealOutcomeSchema = z.enum(HEAL_OUTCOMES);
export type HealOutcome = z.infer<typeof HealOutcomeSchema>;

export const DiffStatSchema = z.object({
  files: z.number().int().nonnegative(),
  insertions: z.number().int().nonnegative(),
  deletions: z.number().int().nonnegative(),
});
export type DiffStat = z.infer<typeof DiffStatSchema>;

export const HealAttemptSchema = z.object({
  strategy: HealStrategySchema,
  /** accepted: validated and chosen; rejected: refused by a guardrail or validation; failed: could not produce a candidate. */
  outcome: z.enum(['accepted', 'rejected', 'failed', 'skipped']),
  reason: z.string(),
  testRuns: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  patch: z.string().optional(),
  diffStat: DiffStatSchema.optional(),
  /** Files a partial change (a revert that conflicts in places) leaves as they are, and why. */
  leftOut: z.array(z.object({ path: z.string(), reason: z.string() })).optional(),
});
export type HealAttempt = z.infer<typeof HealAttemptSchema>;

export const FlakyTestSchema = z.object({
  id: z.string(),
  passes: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
});
export type FlakyTest = z.infer<typeof FlakyTestSchema>;

export const CulpritSchema = z.object({
  sha: z.string(),
  author: z.string(),
  message: z.string(),
  files: z.array(z.string()),
});
export type Culprit = z.infer<typeof CulpritSchema>;

export const DeliverySchema = z.object({
  branch: z.string(),
  commitSha: z.string(),
  pullRequestUrl: z.string().optional(),
  pullRequestNumber: z.number().int().positive().optional(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

/** Where a heal's time went: the engine's own overhead is durationMs - commandMs. */
export const HealMetricsSchema = z.object({
  testRuns: z.number().int().nonnegative(),
  /** Milliseconds inside test, build, lint and fixer commands. */
  commandMs: z.number().nonnegative(),
  workspaces: z.number().int().nonnegative(),
  modelTokens: z.number().int().nonnegative(),
  /** Test runs that ran only the failing tests (testRuns counts them too). */
  focusedRuns: z.number().int().nonnegative().optional(),
  /** Milliseconds spent giving workspaces the project's dependencies. */
  setupMs: z.number().nonnegative().optional(),
  /** Each workspace's setup: how it got its dependencies and how long that took. */
  setups: z.array(WorkspaceSetupSchema.extend({ label: z.string(), revision: z.string() })).optional(),
});
export type HealMetrics = z.infer<typeof HealMetricsSchema>;

/**
 * The tests could not run (a missing program or dependency, a failed setup), in the user's
 * checkout or in healing's workspace: a verdict on the environment, not on the code.
 */
export const EnvironmentVerdictSchema = RunProblemSchema.extend({
  where: z.enum(['checkout', 'workspace']),
});
export type EnvironmentVerdict = z.infer<typeof EnvironmentVerdictSchema>;

export const HealReportSchema = z.object({
  version: z.literal(1),
  id: z.string(),
  repository: z.string(),
  sha: z.string(),
  branch: z.string().nullable(),
  fingerprint: z.string(),
  outcome: HealOutcomeSchema,
  startedAt: z.string().datetime(),
  finishedAt: z.string().datetime(),
  durationMs: z.number().nonnegative(),
  failingTests: z.array(FailedTestSchema).default([]),
  attempts: z.array(HealAttemptSchema).default([]),
  flakyTests: z.array(FlakyTestSchema).default([]),
  culprit: CulpritSchema.optional(),
  chosen: HealAttemptSchema.optional(),
  delivery: DeliverySchema.optional(),
  before: TestResultSchema,
  after: TestResultSchema.optional(),
  summary: z.string(),
  metrics: HealMetricsSchema.optional(),
  /** For a `duplicate` outcome: the id of the earlier heal that is returned. */
  duplicateOf: z.string().optional(),
  /** Set when the heal stopped because the tests could not run (outcome `not-healed`). */
  environment: EnvironmentVerdictSchema.optional(),
});
export type HealReport = z.infer<typeof HealReportSchema>;
