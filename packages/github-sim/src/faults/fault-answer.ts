import type { FaultSpec } from '../types.js';

export interface FaultAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

const DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/** The answer GitHub gives for the status and rate-limit faults; undefined for faults that shape serving instead. */
export function faultAnswer(fault: FaultSpec, nowMs: number): FaultAnswer | undefined {
  switch (fault.kind) {
    case 'status': {
      const message =
        fault.message ??
        { 409: 'Conflict', 422: 'Validation Failed', 500: 'Internal Server Error', 502: 'Server Error' }[
          fault.status
        ];
      return {
        status: fault.status,
        body: { message, documentation_url: 'https://docs.github.com/rest', status: String(fault.status) },
        headers: {},
      };
    }
    case 'secondary-rate-limit': {
      const status = fault.status ?? 403;
      return {
        status,
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
          documentation_url: DOCS,
          status: String(status),
        },
        headers: { 'retry-after': String(fault.retryAfterSeconds ?? 1) },
      };
    }
    case 'primary-rate-limit': {
      const reset = Math.floor(nowMs / 1000) + (fault.resetInSeconds ?? 60);
      return {
        status: 403,
        body: {
          message: 'API rate limit exceeded for user ID 1001.',
          documentation_url: DOCS,
          status: '403',
        },
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '5000',
          'x-ratelimit-reset': String(reset),
          'x-ratelimit-resource': 'core',
        },
      };
    }
    default:
      return undefined;
  }
}
