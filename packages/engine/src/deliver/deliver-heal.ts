import { type Delivery, type GitAdapter, HealingError } from '@healing/adapters';
import type { HealConfig } from '../config/heal-config.js';
import { shortFingerprint } from '../fingerprint/failure-fingerprint.js';

export interface DeliverOptions {
  readonly git: GitAdapter;
  readonly config: HealConfig;
  readonly patch: string;
  readonly sha: string;
  readonly fingerprint: string;
  /** The branch the failure was seen on; the pull request targets it (else the default branch). */
  readonly branch: string | null;
  readonly title: string;
  readonly message: string;
  readonly body: string;
}

export interface DeliveryResult extends Delivery {
  /** True when the branch (or pull request) already existed and was returned unchanged. */
  readonly isExisting: boolean;
}

/** The branch a heal of this fingerprint is delivered on. */
export function healBranchName(config: HealConfig, fingerprint: string): string {
  return `${config.delivery.branchPrefix}${shortFingerprint(fingerprint)}`;
}

/**
 * Commits the validated patch as one commit on `heal/<short fingerprint>`, created from the
 * failing sha without touching any working tree; then pushes (never with force) and opens
 * a pull request when the git adapter can and the config allows. An existing heal branch is
 * returned as it is, so a repeated heal never adds a second commit or pull request.
 */
export async function deliverHeal(options: DeliverOptions): Promise<DeliveryResult> {
  const { git, config } = options;
  const branch = healBranchName(config, options.fingerprint);
  const current = await git.currentBranch();
  if (branch === config.defaultBranch || branch === current) {
    throw new HealingError(
      'GUARDRAIL_VIOLATION',
      `heal branch ${branch} is the default or checked-out branch: heals never commit there; change delivery.branchPrefix`,
      { details: { branch } },
    );
  }
  const base = options.branch ?? config.defaultBranch;
  const isExisting = (await git.listBranches()).includes(branch);
  const commitSha = isExisting
    ? await git.headSha(branch)
    : (await git.commitPatch(options.patch, { branch, base: options.sha, message: options.message })).sha;
  if (!isExisting && config.delivery.push && git.capabilities.push) {
    await git.push({ branch, force: false });
  }
  if (!git.capabilities.pullRequests || !config.delivery.pullRequest) {
    return { branch, commitSha, isExisting };
  }
  const open = await git.findPullRequest({ head: branch, base });
  const pullRequest =
    open ??
    (await git.openPullRequest({
      head: branch,
      base,
      title: options.title,
      body: options.body,
      draft: config.delivery.draft,
    }));
  return {
    branch,
    commitSha,
    isExisting: isExisting || open !== null,
    pullRequestUrl: pullRequest.url,
    pullRequestNumber: pullRequest.number,
  };
}
