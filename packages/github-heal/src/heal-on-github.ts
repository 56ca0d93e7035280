import {
  type CacheAdapter,
  ConfigError,
  HealingError,
  type HealReport,
  parseRepository,
} from '@healing/adapters';
import type { DetectedCommand, HealConfig, HealEvent } from '@healing/engine';
import type { GitHubClient } from '@healing/github';
import { repositoryFilesAt } from './repository-files-at.js';
import { actionsSetupOf, resolveCommands } from './resolve-commands.js';

/** The folder of scratch branches the candidates of heals are tested on. */
export const SCRATCH_BRANCH_ROOT = 'heal-work/';

export interface HealOnGitHubOptions {
  readonly octokit: GitHubClient;
  /** `owner/name`. */
  readonly repository: string;
  /** The failing commit. */
  readonly sha: string;
  /** The branch it failed on: the pull request goes against it. */
  readonly branch: string;
  readonly cache: CacheAdapter;
  /** Where the model key is read from; commands the heal runs never see it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Settings that win over the repository's heal config. */
  readonly overrides?: Record<string, unknown>;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: HealEvent) => void;
  /** First wait between polls of an Actions run (default 5000 ms; the simulator needs far less). */
  readonly pollIntervalMs?: number;
  /**
   * Only for a caller that holds a lease on this (repository, commit), as the worker does: scratch
   * branches go under `heal-work/<sha12>/`, and any found there first are a killed attempt's
   * leftovers and are deleted (reported through `onLeftovers`). Without it, two heals of one
   * commit at once (two failing workflows running the Action) must not touch each other's.
   */
  readonly ownsCommit?: boolean;
  readonly onLeftovers?: (branches: readonly string[]) => void;
  /** Values that must not appear in errors (the token). */
  readonly secrets?: readonly string[];
  /**
   * Called once the test and setup commands are known, before the heal starts: what runs, and
   * whether it was configured or detected from the commit's files (and why).
   */
  readonly onCommands?: (commands: HealCommands) => void;
}

/** The commands a heal runs on the runners, and where each came from. */
export interface HealCommands {
  readonly test: { readonly command: string; readonly detected: DetectedCommand | null };
  /** Null: nothing is installed before the commands (`setup: false`, or nothing to install). */
  readonly setup: { readonly command: string; readonly detected: DetectedCommand | null } | null;
}

export interface GitHubHealResult {
  readonly report: HealReport;
  readonly config: HealConfig;
  readonly commands: HealCommands;
}

const describeCommand = (command: string | readonly string[]): string =>
  typeof command === 'string' ? command : command.join(' ');

/**
 * Heals one failing commit through the GitHub API alone: the heal config at that commit (the
 * test and setup commands detected from its files where the config names none), tests on
 * Actions runners (the heal-run workflow, installing the dependencies before each command),
 * candidates on scratch branches, the fix as a pull request against the failing branch.
 * healing's own heal and scratch branches are refused.
 */
export async function healOnGitHub(options: HealOnGitHubOptions): Promise<GitHubHealResult> {
  const { octokit, sha, branch } = options;
  const coordinates = parseRepository(options.repository);
  if (!coordinates)
    throw new HealingError('INVALID_INPUT', `repository must be owner/name, got "${options.repository}"`);
  const { owner, name: repo } = coordinates;
  const [github, engine] = await Promise.all([import('@healing/github'), import('@healing/engine')]);
  const secrets = options.secrets ?? [];
  const repository = await octokit.rest.repos.get({ owner, repo }).catch((error: unknown) => {
    throw github.toGitHubError(
      error,
      `reading ${options.repository} (does it exist, and can the token see it?)`,
      secrets,
    );
  });
  const defaultBranch = repository.data.default_branch;
  const files = repositoryFilesAt(github, octokit, { owner, repo }, sha);
  const raw = await engine.readRawHealConfig((path) => files.read(path));
  const { merged, detectedTest, detectedSetup, hasTestCommand } = await resolveCommands(
    engine,
    engine.mergeHealConfig({ defaultBranch, ...raw.value }, options.overrides ?? {}),
    files,
  );
  if (!hasTestCommand) {
    throw new ConfigError(
      `${options.repository} at ${sha.slice(0, 7)} has no test command: ${raw.source ?? 'no heal config'} names none, and none was detected (no package.json "test" script, pytest, go.mod, Cargo.toml or Makefile test target); add heal.config.json with {"test": {"command": "..."}}`,
    );
  }
  const config = engine.parseHealConfig(merged);
  const setup = actionsSetupOf(config);
  const commands: HealCommands = {
    test: { command: describeCommand(config.test.command), detected: detectedTest },
    setup: setup === null ? null : { command: describeCommand(setup.command), detected: detectedSetup },
  };
  // A failing candidate's scratch branch, or a fix, would be healed again: a loop.
  if (branch.startsWith(config.delivery.branchPrefix) || branch.startsWith(SCRATCH_BRANCH_ROOT)) {
    throw new HealingError(
      'GUARDRAIL_VIOLATION',
      `${branch} is one of healing's own branches (heal or scratch) in ${options.repository}: healing a fix would loop; heal the branch it was made for`,
    );
  }
  options.signal?.throwIfAborted();
  options.onCommands?.(commands);
  let branchPrefix = SCRATCH_BRANCH_ROOT;
  if (options.ownsCommit) {
    branchPrefix = `${SCRATCH_BRANCH_ROOT}${sha.slice(0, 12)}/`;
    const leftovers = await github.deleteScratchBranches({ octokit, owner, repo, prefix: branchPrefix });
    if (leftovers.length > 0) options.onLeftovers?.(leftovers);
  }
  const actions =
    options.pollIntervalMs === undefined
      ? {}
      : { pollIntervalMs: options.pollIntervalMs, maxPollIntervalMs: options.pollIntervalMs * 4 };
  options.signal?.throwIfAborted();
  const report = await engine.heal({
    git: github.createGitHubGit({ octokit, owner, repo }),
    execution: github.createActionsExecution({
      octokit,
      owner,
      repo,
      ref: sha,
      workflowRef: defaultBranch,
      setup,
      ...actions,
    }),
    workspaces: github.createBranchWorkspaces({
      octokit,
      owner,
      repo,
      workflowRef: defaultBranch,
      branchPrefix,
      actions,
      setup,
    }),
    cache: options.cache,
    config,
    repository: options.repository,
    revision: sha,
    branch,
    env: options.env,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  return { report, config, commands };
}
