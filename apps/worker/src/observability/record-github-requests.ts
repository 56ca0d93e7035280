import type { GitHubClient } from '@healing/github';
import type { WorkerMetrics } from './create-metrics.js';

/**
 * Counts every request a client makes by status (304s included: polling with ETags should show
 * mostly those) and keeps the rate-limit budget it has left. Retries count as requests.
 */
export function recordGitHubRequests(
  octokit: GitHubClient,
  metrics: Pick<WorkerMetrics, 'githubRequests' | 'rateLimitRemaining'>,
  client: string,
): void {
  const remember = (headers: Record<string, unknown> | undefined): void => {
    const remaining = Number(headers?.['x-ratelimit-remaining']);
    if (Number.isFinite(remaining)) metrics.rateLimitRemaining.set({ client }, remaining);
  };
  octokit.hook.after('request', (response) => {
    metrics.githubRequests.inc({ status: String(response.status) });
    remember(response.headers);
  });
  octokit.hook.error('request', (error) => {
    const failure = error as { status?: number; response?: { headers?: Record<string, unknown> } };
    metrics.githubRequests.inc({ status: failure.status === undefined ? 'network' : String(failure.status) });
    remember(failure.response?.headers);
    throw error;
  });
}
