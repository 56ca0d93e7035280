import { HealingError, type HealReport, parseRepository } from '@healing/adapters';
import type { HealConfig } from '@healing/engine';
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
  readonly signal?: AbortSignal;
}

export interface GitHubHealResult {
  readonly report: HealReport;
  readonly config: HealConfig;
}

/**
 * `heal run --github`: finds the failing commit and branch (from `--run`, `--sha`/`--branch` or
 * the default branch) and heals it through the GitHub API only (@healing/github-heal).
 */
export async function runGitHubHeal(options: GitHubHealOptions): Promise<GitHubHealResult> {
  const coordinates = parseRepository(options.repository);
  if (!coordinates) {
    throw new HealingError('INVALID_INPUT', `--github needs owner/name, got "${options.repository}"`);
  }
  const owner = coordinates.owner;
  const repo = coordinates.name;
  const [github, { healOnGitHub }] = await Promise.all([
    import('@healing/github'),
    import('@healing/github-heal'),
  ]);
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

  const { cache, warning } = await openCache(options.cachePath);
  if (warning) options.reporter.info(warning);
  try {
    const { report, config } = await healOnGitHub({
      octokit,
      repository: options.repository,
      sha,
      branch,
      cache,
      env: options.env,
      overrides: options.overrides,
      secrets,
      onEvent: (event) => options.reporter.onEvent(event),
      onCommands: ({ test, setup }) => {
        options.reporter.info(
          `tests: ${test.command}${test.detected ? ` (detected: ${test.detected.reason})` : ''}`,
        );
        options.reporter.info(
          setup === null
            ? 'setup: none (nothing to install before the tests)'
            : `setup on each runner: ${setup.command}${setup.detected ? ` (detected: ${setup.detected.reason})` : ''}`,
        );
      },
      ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return { report, config };
  } finally {
    await cache.close();
  }
}
