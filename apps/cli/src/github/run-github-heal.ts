import { ConfigError, HealingError, type HealReport, parseRepository } from '@healing/adapters';
import { type HealConfig, mergeHealConfig } from '@healing/engine';
import { openCache } from '../local/open-cache.js';
import type { Reporter } from '../output/create-reporter.js';

export interface GitHubHealOptions {
  /** `owner/name`. */
  readonly repository: string;
  readonly token: string;
  readonly apiUrl: string;
  /** A failed workflow run: its head commit and branch are healed. */
  readonly runId?: number;
  readonly sha?: string;
  readonly branch?: string;
  readonly overrides: Record<string, unknown>;
  readonly cachePath: string;
  readonly reporter: Reporter;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Milliseconds between mutating requests (GitHub asks for 1000; the simulator needs none). */
  readonly writeIntervalMs?: number;
  /** First wait between polls of an Actions run (default 5000). */
  readonly pollIntervalMs?: number;
}

export interface GitHubHealResult {
  readonly report: HealReport;
  readonly config: HealConfig;
}

/**
 * Heals a repository through the GitHub API only: tests run on Actions runners (the
 * heal-run workflow), candidates live on scratch branches, and the fix arrives as a pull
 * request against the failing branch.
 */
export async function runGitHubHeal(options: GitHubHealOptions): Promise<GitHubHealResult> {
  const coordinates = parseRepository(options.repository);
  if (!coordinates) {
    throw new HealingError('INVALID_INPUT', `--github needs owner/name, got "${options.repository}"`);
  }
  const owner = coordinates.owner;
  const repo = coordinates.name;
  const [github, engine] = await Promise.all([import('@healing/github'), import('@healing/engine')]);
  const octokit = await github.createGitHubClient({
    auth: { token: options.token },
    baseUrl: options.apiUrl,
    ...(options.writeIntervalMs === undefined ? {} : { writeIntervalMs: options.writeIntervalMs }),
  });
  const secrets = [options.token];
  const repository = await octokit.rest.repos.get({ owner, repo }).catch((error: unknown) => {
    throw github.toGitHubError(
      error,
      `reading ${options.repository} (does it exist, and can the token see it?)`,
      secrets,
    );
  });
  const defaultBranch = repository.data.default_branch;
  let sha = options.sha;
  let branch = options.branch;
  if (options.runId !== undefined) {
    const run = await octokit.rest.actions
      .getWorkflowRun({ owner, repo, run_id: options.runId })
      .catch((error: unknown) => {
        throw github.toGitHubError(
          error,
          `reading workflow run ${options.runId} of ${options.repository}`,
          secrets,
        );
      });
    sha ??= run.data.head_sha;
    branch ??= run.data.head_branch ?? undefined;
    options.reporter.info(
      `run ${options.runId} (${run.data.name ?? 'workflow'}) on ${branch ?? sha}: ${run.data.conclusion ?? run.data.status}`,
    );
  }
  branch ??= defaultBranch;
  sha ??= (await octokit.rest.repos.getBranch({ owner, repo, branch })).data.commit.sha;

  const raw = await engine.readRawHealConfig(github.readTextAt(octokit, { owner, repo }, sha));
  const merged = mergeHealConfig({ defaultBranch, ...raw.value }, options.overrides);
  if (merged.test === undefined) {
    throw new ConfigError(
      `${options.repository} has no heal config with a test command at ${sha.slice(0, 7)}: add heal.config.json with {"test": {"command": "..."}}, or pass --test`,
    );
  }
  const config = engine.parseHealConfig(merged);
  if (branch.startsWith(config.delivery.branchPrefix) || branch.startsWith('heal-work/')) {
    throw new HealingError(
      'GUARDRAIL_VIOLATION',
      `${branch} is one of healing's own branches (heal or scratch): healing a fix would loop; heal the branch it was made for`,
    );
  }
  const actions =
    options.pollIntervalMs === undefined
      ? {}
      : { pollIntervalMs: options.pollIntervalMs, maxPollIntervalMs: options.pollIntervalMs * 4 };
  const { cache, warning } = await openCache(options.cachePath);
  if (warning) options.reporter.info(warning);
  try {
    const report = await engine.heal({
      git: github.createGitHubGit({ octokit, owner, repo }),
      execution: github.createActionsExecution({
        octokit,
        owner,
        repo,
        ref: sha,
        workflowRef: defaultBranch,
        ...actions,
      }),
      workspaces: github.createBranchWorkspaces({
        octokit,
        owner,
        repo,
        workflowRef: defaultBranch,
        actions,
      }),
      cache,
      config,
      repository: options.repository,
      revision: sha,
      branch,
      env: options.env,
      onEvent: (event) => options.reporter.onEvent(event),
    });
    return { report, config };
  } finally {
    await cache.close();
  }
}
