import { HealingError } from '@healing/adapters';

/** The checked-out branch would move under local edits of the same files: refuse before anything moves. */
export function localChangesError(dir: string, branch: string, cause: unknown): HealingError {
  return new HealingError(
    'GIT_FAILED',
    `local changes in ${dir} to files the new commit on ${branch} changes would be overwritten: commit or stash them, or commit to another branch`,
    { cause, details: { dir, branch } },
  );
}
