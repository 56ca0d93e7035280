import type { CommitInfo } from '@healing/adapters';

const FIELD = '\x1f';
const RECORD = '\x1e';

/** The --format for `git log` that parseCliLog reads. */
export const CLI_LOG_FORMAT = `--format=%H${FIELD}%P${FIELD}%an${FIELD}%ae${FIELD}%aI${FIELD}%B${RECORD}`;

export function parseCliLog(output: string): CommitInfo[] {
  return output
    .split(RECORD)
    .map((record) => record.replace(/^\n/, ''))
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const [sha = '', parents = '', name = '', email = '', date = '', ...message] = record.split(FIELD);
      return {
        sha,
        parents: parents === '' ? [] : parents.split(' '),
        author: { name, email, date },
        message: message.join(FIELD).replace(/\n+$/, ''),
      };
    });
}
