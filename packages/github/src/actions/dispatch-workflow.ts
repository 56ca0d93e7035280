import { HealingError } from '@healing/adapters';
import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { githubMessageOf, statusOf, toGitHubError } from '../errors/github-request-error.js';

export interface DispatchInput {
  readonly workflow: string;
  readonly workflowRef: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly returnRunDetails: boolean;
}

/**
 * `POST …/actions/workflows/{workflow}/dispatches` with `return_run_details: true`: GitHub
 * answers 200 with the run id where it supports that, or 204 with nothing (then we search).
 */
export async function dispatchWorkflow(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  input: DispatchInput,
): Promise<number | null> {
  try {
    const response = await octokit.request(
      'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      {
        ...coordinates,
        workflow_id: input.workflow,
        ref: input.workflowRef,
        inputs: { ...input.inputs },
        ...(input.returnRunDetails ? { return_run_details: true } : {}),
      },
    );
    const data: unknown = response.data;
    if (
      data !== null &&
      typeof data === 'object' &&
      'workflow_run_id' in data &&
      typeof data.workflow_run_id === 'number'
    ) {
      return data.workflow_run_id;
    }
    return null;
  } catch (error) {
    const where = `${input.workflow} on ${input.workflowRef} of ${coordinates.owner}/${coordinates.repo}`;
    // A workflow installed by an older healing lacks the newer inputs (setup, report_dir).
    if (statusOf(error) === 422 && /Unexpected inputs provided/i.test(githubMessageOf(error))) {
      throw new HealingError(
        'CONFIG_INVALID',
        `${where} does not take the inputs healing sends (${githubMessageOf(error)}): it was installed by an older healing; run \`heal init --github --force\` (or installActionsWorkflow) and push the new workflow`,
        { cause: error, details: { workflow: input.workflow, workflowRef: input.workflowRef } },
      );
    }
    throw toGitHubError(
      error,
      `dispatching ${where} (is the workflow installed there? see installActionsWorkflow)`,
    );
  }
}

const MAX_SEARCHES = 200;

/** Finds a dispatched run by the correlation id its `run-name` carries, polling within a deadline. */
export async function findRunByCorrelationId(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  options: {
    readonly workflow: string;
    readonly correlationId: string;
    readonly dispatchedAt: number;
    readonly deadline: number;
    readonly now: () => number;
    readonly sleep: (milliseconds: number) => Promise<void>;
    readonly intervalMs: number;
  },
): Promise<number> {
  // A minute of slack for clock skew between us and GitHub.
  const created = `>=${new Date(options.dispatchedAt - 60_000).toISOString()}`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const { data } = await octokit.rest.actions.listWorkflowRuns({
        ...coordinates,
        workflow_id: options.workflow,
        event: 'workflow_dispatch',
        created,
        per_page: 50,
      });
      const run = data.workflow_runs.find((candidate) =>
        (candidate.display_title ?? candidate.name ?? '').includes(options.correlationId),
      );
      if (run) return run.id;
    } catch (error) {
      throw toGitHubError(error, `looking for the run of ${options.workflow} named ${options.correlationId}`);
    }
    if (options.now() >= options.deadline || attempt + 1 >= MAX_SEARCHES) {
      throw new HealingError(
        'COMMAND_FAILED',
        `no run of ${options.workflow} named ${options.correlationId} appeared after ${attempt + 1} searches: check that the workflow's run-name includes inputs.correlation_id`,
        { details: { workflow: options.workflow, correlationId: options.correlationId } },
      );
    }
    await options.sleep(Math.min(options.intervalMs * 1.5 ** attempt, options.deadline - options.now()));
  }
}
