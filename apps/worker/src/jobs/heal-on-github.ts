import type { CacheAdapter, HealReport } from '@healing/adapters';
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
 * Heals one job's failed run through the API alone (see @healing/github-heal). The job's lease
 * makes this worker the only one healing that commit, so a killed attempt's scratch branches
 * are cleaned up first.
 */
export async function healOnGitHub(options: HealOnGitHubOptions): Promise<HealReport> {
  const { job } = options;
  const { healOnGitHub: heal } = await import('@healing/github-heal');
  const { report } = await heal({
    octokit: options.octokit,
    repository: job.repository,
    sha: job.headSha,
    branch: job.headBranch,
    cache: options.cache,
    env: options.env,
    ownsCommit: true,
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    ...(options.onLeftovers ? { onLeftovers: options.onLeftovers } : {}),
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
  });
  return report;
}
