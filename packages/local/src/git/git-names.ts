import { assertBranchName, type GitIdentity, HealingError } from '@healing/adapters';

export { assertBranchName };

const hasControlCharacter = (text: string): boolean =>
  [...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);

export const ZERO_SHA = '0000000000000000000000000000000000000000';

/** Used when neither the call nor the factory names an author. */
export const DEFAULT_IDENTITY: GitIdentity = { name: 'healing', email: 'healing@localhost' };

/** A revision is passed to git as an argument; one starting with "-" would be read as an option. */
export function assertRevision(revision: string): string {
  if (
    typeof revision !== 'string' ||
    revision === '' ||
    revision.startsWith('-') ||
    /\s/.test(revision) ||
    hasControlCharacter(revision)
  ) {
    throw new HealingError(
      'INVALID_INPUT',
      `revision ${JSON.stringify(revision)} is not valid: pass a sha, branch or tag`,
      {
        details: { revision },
      },
    );
  }
  return revision;
}

export function revisionNotFound(revision: string, cause?: unknown): HealingError {
  return new HealingError(
    'NOT_FOUND',
    `revision ${JSON.stringify(revision)} does not exist: check the sha or branch name`,
    {
      details: { revision },
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

export function unsupported(backend: string, operation: string, instead: string): HealingError {
  return new HealingError('UNSUPPORTED', `${backend} does not support ${operation}: ${instead}`, {
    details: { backend, operation },
  });
}

export function revertMessage(sha: string, subject: string): string {
  return `Revert "${subject}"\n\nThis reverts commit ${sha}.\n`;
}

export function noParentToRevert(sha: string): HealingError {
  return new HealingError('INVALID_INPUT', `commit ${sha} has no parent to revert to: pick a later commit`, {
    details: { sha },
  });
}
