import { createHash } from 'node:crypto';
import type { FailedTest } from '@healing/adapters';
import { errorSignature, normalizeFailureText } from './normalize-failure-text.js';

/** Length of the fingerprint prefix used in branch names. */
export const SHORT_FINGERPRINT_LENGTH = 12;

/**
 * A stable id for one breakage: sha-256 over the sorted, normalised failing test ids and
 * error signatures. The same tests failing the same way on another run (other temp dir,
 * other timings) give the same fingerprint; order of the tests does not matter.
 */
export function failureFingerprint(failedTests: readonly FailedTest[]): string {
  const lines = failedTests
    .map((test) => `${normalizeFailureText(test.id)}\t${errorSignature(test.message || test.output)}`)
    .sort();
  const unique = [...new Set(lines)];
  return createHash('sha256').update(unique.join('\n')).digest('hex');
}

export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, SHORT_FINGERPRINT_LENGTH);
}
