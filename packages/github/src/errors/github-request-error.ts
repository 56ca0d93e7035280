import { HealingError, type HealingErrorCode } from '@healing/adapters';

/** The HTTP status of an octokit RequestError, or undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  if (error === null || typeof error !== 'object' || !('status' in error)) return undefined;
  const status = (error as { status: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

/** The message GitHub put in an error answer's body, if any. */
export function githubMessageOf(error: unknown): string {
  if (error === null || typeof error !== 'object') return String(error);
  const response = (error as { response?: { data?: unknown } }).response;
  const data = response?.data;
  if (data !== null && typeof data === 'object' && 'message' in data) return String(data.message);
  return error instanceof Error ? error.message : String(error);
}

function codeFor(status: number | undefined, message: string): HealingErrorCode {
  if (status === 401) return 'AUTH_FAILED';
  if (status === 429 || (status === 403 && /rate limit/i.test(message))) return 'RATE_LIMITED';
  if (status === 403) return 'AUTH_FAILED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'GITHUB_CONFLICT';
  return 'GITHUB_REQUEST_FAILED';
}

const HINTS: Partial<Record<HealingErrorCode, string>> = {
  AUTH_FAILED: 'check that the token or app installation can access this repository',
  RATE_LIMITED: 'wait for the rate limit to reset or use a GitHub App installation token',
  NOT_FOUND: 'check the owner, repository, branch and path',
  GITHUB_CONFLICT: 'read it again and retry',
  GITHUB_REQUEST_FAILED: 'retry later; if it persists, check the request',
};

/**
 * Turns an octokit failure into a HealingError naming what was being done. octokit's
 * RequestError already redacts the authorization header; `secrets` redacts anything else.
 */
export function toGitHubError(error: unknown, action: string, secrets: readonly string[] = []): HealingError {
  if (error instanceof HealingError) return error;
  const status = statusOf(error);
  const message = githubMessageOf(error);
  const code = codeFor(status, message);
  return new HealingError(
    code,
    `${action} failed${status === undefined ? '' : ` (HTTP ${status})`}: ${message}; ${HINTS[code] ?? 'retry'}`,
    { cause: error, secrets, details: { status, action } },
  );
}
