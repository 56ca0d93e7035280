import type { GitIdentity } from '@healing/adapters';

/** An author or committer line for isomorphic-git: now, in this machine's time zone. */
export function isoSignature(identity: GitIdentity) {
  return {
    ...identity,
    timestamp: Math.floor(Date.now() / 1000),
    timezoneOffset: new Date().getTimezoneOffset(),
  };
}

export const withTrailingNewline = (message: string): string =>
  message.endsWith('\n') ? message : `${message}\n`;
