import type { CacheAdapter } from '@healing/adapters';
import { ConfigError, HealingError, type HealReport } from '@healing/adapters';
import type { HealEvent } from '@healing/engine';
import type { GitHubClient } from '@healing/github';
import type { HealJob } from '../webhooks/heal-job.js';

export interface HealOnGitHubOptions {
  readonly job: HealJob;
  readonly octokit: GitHubClient;
  readonly cache: CacheAdapter;
  /** Where the model key is read from; commands the heal runs never see it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Settings that win over the repository's config (budgets switch the model off). */
  readonly overrides?: Record<string, unknown>;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: HealEvent) => void;
  /** Told of scratch branches an earlier, killed attempt left and this one deleted. */
  readonly onLeftovers?: (branches: readonly string[]) => void;
  /** Actions polling (tests against the simulator poll fast). */
  readonly pollIntervalMs?: number;
}

/**
 * Heals one failed run through the API alone: the repository's config at the failing commit,
 * tests on Actions runners, candidates on scratch branches, the fix as a pull request against
 * the failing branch. The worker only orchestrates.
 */
export async function healOnGitHub(options: HealOnGitHubOptions): Promise<HealReport> {
  const { job, octokit } = options;
  const [owner = '', repo = ''] = job.repository.split('/');
  const [github, engine] = await Promise.all([import('@healing/github'), import('@healing/engine')]);
  const repository = await octokit.rest.repos.get({ owner, repo }).catch((error: unknown) => {
    throw github.toGitHubError(error, `reading ${job.repository}`);
  });
  const defaultBranch = repository.data.default_branch;
  const raw = await engine.readRawHealConfig(github.readTextAt(octokit, { owner, repo }, job.headSha));
  if (raw.value.test === undefined) {
    throw new ConfigError(
      `${job.repository} has no heal config with a test command at ${job.headSha.slice(0, 7)}: add heal.config.json`,
    );
  }
  const config = engine.parseHealConfig(
    engine.mergeHealConfig({ defaultBranch, ...raw.value }, options.overrides ?? {}),
  );
  // The repository may name its heal branches differently from the prefixes deliveries are
  // screened with; a fix of a fix would loop.
  if (job.headBranch.startsWith(config.delivery.branchPrefix) || job.headBranch.startsWith('heal-work/')) {
    throw new HealingError(
      'GUARDRAIL_VIOLATION',
      `${job.headBranch} is one of healing's own branches in ${job.repository}: it is not healed`,
    );
  }
  // The job (one per repository and commit) holds the lease, so branches under its prefix are
  // leftovers of an attempt that was killed: nobody else can be using them.
  const branchPrefix = `heal-work/${job.headSha.slice(0, 12)}/`;
  const leftovers = await github.deleteScratchBranches({ octokit, owner, repo, prefix: branchPrefix });
  if (leftovers.length > 0) options.onLeftovers?.(leftovers);
  const actions =
    options.pollIntervalMs === undefined
      ? {}
      : { pollIntervalMs: options.pollIntervalMs, maxPollIntervalMs: options.pollIntervalMs * 4 };
  return engine.heal({
    git: github.createGitHubGit({ octokit, owner, repo }),
    execution: github.createActionsExecution({
      octokit,
      owner,
      repo,
      ref: job.headSha,
      workflowRef: defaultBranch,
      ...actions,
    }),
    workspaces: github.createBranchWorkspaces({
      octokit,
      owner,
      repo,
      workflowRef: defaultBranch,
      branchPrefix,
      actions,
    }),
    cache: options.cache,
    config,
    repository: job.repository,
    revision: job.headSha,
    branch: job.headBranch,
    env: options.env,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
}
