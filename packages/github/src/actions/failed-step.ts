import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { toGitHubError } from '../errors/github-request-error.js';

export interface FailedStep {
  readonly name: string;
  /** The first `##[error]` line of the job's log, without its timestamp, when there is one. */
  readonly error: string | null;
}

const ERROR_LINE = /^(?:\S+Z )?##\[error\](.*)$/m;

/**
 * The first failed step of a run's job, and the error it logged: what to tell the user when a
 * run failed before the command ran (a setup action, the checkout). Two requests, made only then.
 */
export async function findFailedStep(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  runId: number,
): Promise<FailedStep | null> {
  try {
    const { data } = await octokit.rest.actions.listJobsForWorkflowRun({ ...coordinates, run_id: runId });
    for (const job of data.jobs) {
      const step = job.steps?.find((candidate) => candidate.conclusion === 'failure');
      if (!step) continue;
      const log = await octokit.rest.actions
        .downloadJobLogsForWorkflowRun({ ...coordinates, job_id: job.id })
        .then((answer) => String(answer.data))
        .catch(() => '');
      return { name: step.name, error: ERROR_LINE.exec(log)?.[1]?.trim() ?? null };
    }
    return null;
  } catch (error) {
    throw toGitHubError(error, `reading the jobs of Actions run ${runId}`);
  }
}
