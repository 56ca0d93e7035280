import picomatch from 'picomatch';
import { z } from 'zod';
import type { HealJob } from './heal-job.js';

const WorkflowRunEventSchema = z.object({
  action: z.string(),
  workflow_run: z.object({
    id: z.number().int().positive(),
    name: z.string().nullable().optional(),
    path: z.string().nullable().optional(),
    head_branch: z.string().nullable(),
    head_sha: z.string(),
    run_attempt: z.number().int().positive().default(1),
    conclusion: z.string().nullable(),
    html_url: z.string(),
    head_repository: z.object({ full_name: z.string() }).nullable().optional(),
  }),
  repository: z.object({ full_name: z.string(), default_branch: z.string().optional() }),
  installation: z.object({ id: z.number().int().positive() }).optional(),
});

/**
 * Branches healing pushes: heal branches (the pull requests) and the scratch branches candidates
 * are tested on. CI that runs on every push fails on a bad candidate; healing that would loop.
 */
export const OWN_BRANCH_PREFIXES: readonly string[] = ['heal/', 'heal-work/'];

/** The workflow healing dispatches to run tests on Actions (see @healing/github). */
const HEAL_RUN_WORKFLOW_NAME = 'heal-run';

export interface DeliveryPolicy {
  readonly allowForks: boolean;
  /** Globs of branches to heal; empty means every branch. */
  readonly branches: readonly string[];
  readonly ignoreBranches: readonly string[];
  /** `owner/name` served; empty means any. */
  readonly repositories: readonly string[];
  /** Prefixes of the branches healing itself pushes (heal branches, scratch branches): never healed. */
  readonly ownBranchPrefixes: readonly string[];
  readonly isKnownInstallation: (installationId: number | null) => boolean;
}

export type DeliveryDecision =
  | { readonly kind: 'heal'; readonly job: HealJob }
  | { readonly kind: 'ignore'; readonly reason: string }
  | { readonly kind: 'reject'; readonly status: number; readonly reason: string };

/** Decides what a verified delivery asks for: a heal job, nothing, or a refusal with its HTTP status. */
export function classifyDelivery(
  eventName: string,
  payload: unknown,
  policy: DeliveryPolicy,
): DeliveryDecision {
  if (eventName === 'ping') return { kind: 'ignore', reason: 'ping' };
  if (eventName !== 'workflow_run') return { kind: 'ignore', reason: `event ${eventName} is not handled` };
  const parsed = WorkflowRunEventSchema.safeParse(payload);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') ?? '';
    return { kind: 'reject', status: 422, reason: `workflow_run payload is missing or has a bad ${where}` };
  }
  const event = parsed.data;
  const run = event.workflow_run;
  const installationId = event.installation?.id ?? null;
  if (!policy.isKnownInstallation(installationId)) {
    return {
      kind: 'reject',
      status: 403,
      reason: `installation ${installationId ?? '(none)'} is not one of this worker's`,
    };
  }
  const repository = event.repository.full_name;
  if (policy.repositories.length > 0 && !policy.repositories.includes(repository)) {
    return { kind: 'ignore', reason: `repository ${repository} is not served (HEAL_REPOSITORIES)` };
  }
  if (event.action !== 'completed')
    return { kind: 'ignore', reason: `run ${run.id} is ${event.action}, not completed` };
  // healing's own test runs fail whenever the tests do; healing them would heal itself in a loop.
  if (run.name === HEAL_RUN_WORKFLOW_NAME || (run.path ?? '').endsWith(`/${HEAL_RUN_WORKFLOW_NAME}.yml`)) {
    return { kind: 'ignore', reason: `run ${run.id} is healing's own ${HEAL_RUN_WORKFLOW_NAME} workflow` };
  }
  if (run.conclusion !== 'failure')
    return { kind: 'ignore', reason: `run ${run.id} concluded ${run.conclusion ?? 'nothing'}` };
  const branch = run.head_branch;
  if (!branch) return { kind: 'ignore', reason: `run ${run.id} has no branch (a tag or a detached ref)` };
  if (policy.ownBranchPrefixes.some((prefix) => branch.startsWith(prefix)))
    return { kind: 'ignore', reason: `${branch} is one of healing's own branches` };
  if (policy.branches.length > 0 && !policy.branches.some((glob) => matchesBranch(glob, branch))) {
    return { kind: 'ignore', reason: `branch ${branch} is not in HEAL_BRANCHES` };
  }
  if (policy.ignoreBranches.some((glob) => matchesBranch(glob, branch))) {
    return { kind: 'ignore', reason: `branch ${branch} is in HEAL_IGNORE_BRANCHES` };
  }
  const headRepository = run.head_repository?.full_name ?? repository;
  if (headRepository !== repository && !policy.allowForks) {
    return {
      kind: 'ignore',
      reason: `run ${run.id} comes from the fork ${headRepository} (HEAL_ALLOW_FORKS is off)`,
    };
  }
  if (!/^[0-9a-f]{40}$/.test(run.head_sha)) {
    return {
      kind: 'reject',
      status: 422,
      reason: `workflow_run.head_sha "${run.head_sha.slice(0, 50)}" is not a commit sha`,
    };
  }
  return {
    kind: 'heal',
    job: {
      repository,
      runId: run.id,
      runAttempt: run.run_attempt,
      headSha: run.head_sha,
      headBranch: branch,
      workflowName: run.name ?? '',
      installationId,
      runUrl: run.html_url,
    },
  };
}

/** Branch globs as git users write them: `*` within one path segment, `**` across segments. */
export function matchesBranch(glob: string, branch: string): boolean {
  return picomatch.isMatch(branch, glob, { dot: true });
}
