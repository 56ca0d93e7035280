import { HealingError, type HealingErrorCode } from '@healing/adapters';

export const DOCUMENTATION_URL = 'https://docs.github.com/rest';

/** One entry of GitHub's validation-error `errors` array. */
export interface ValidationErrorItem {
  readonly resource?: string;
  readonly field?: string;
  readonly code: string;
  readonly message?: string;
}

function codeForStatus(status: number): HealingErrorCode {
  if (status === 401) return 'AUTH_FAILED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'GITHUB_CONFLICT';
  if (status === 422) return 'INVALID_INPUT';
  if (status === 403 || status === 429) return 'RATE_LIMITED';
  return 'GITHUB_REQUEST_FAILED';
}

/**
 * The error a route throws to answer with GitHub's error shape; the server turns
 * `details.httpStatus` and `details.body` into the response.
 */
export function githubError(
  status: number,
  message: string,
  extras: { errors?: readonly ValidationErrorItem[]; headers?: Record<string, string> } = {},
): HealingError {
  const body: Record<string, unknown> = {
    message,
    documentation_url: DOCUMENTATION_URL,
    status: String(status),
  };
  if (extras.errors) body.errors = extras.errors;
  return new HealingError(codeForStatus(status), `GitHub simulator answered ${status}: ${message}`, {
    details: { httpStatus: status, body, headers: extras.headers ?? {} },
  });
}

export function notFound(): HealingError {
  return githubError(404, 'Not Found');
}

export function httpAnswerOf(
  error: unknown,
): { status: number; body: unknown; headers: Record<string, string> } | undefined {
  if (!(error instanceof HealingError)) return undefined;
  const status = error.details.httpStatus;
  if (typeof status !== 'number') return undefined;
  return {
    status,
    body: error.details.body,
    headers: (error.details.headers as Record<string, string> | undefined) ?? {},
  };
}
