// Lines every failed install prints that say nothing about why it failed.
const BOILERPLATE = /A complete log of this run|npm help|for more info|^code E[A-Z]+$|^Usage:|^at /;
const ERRORISH = /error|ERR!|ERR_|fatal|failed|cannot|could not|not found|missing|in sync/i;

/**
 * The lines of a failed setup's output that say why (`npm ci` can only install … in sync,
 * Missing: chai@5 from lock file), without the tool's prefixes and boilerplate; the last lines
 * when nothing stands out.
 */
export function setupEvidence(output: string): string {
  const lines = output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const reasons = lines
    .filter((line) => ERRORISH.test(line))
    .map((line) => line.replace(/^(?:npm (?:error|ERR!)|error:?|ERROR:?)\s*/i, '').trim())
    .filter((line) => line.length > 3 && !BOILERPLATE.test(line));
  const chosen = reasons.length > 0 ? reasons.slice(0, 2) : lines.slice(-3);
  return chosen.join(' | ').slice(0, 600);
}
