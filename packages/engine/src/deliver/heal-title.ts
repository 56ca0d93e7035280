import type { Culprit, HealAttempt } from '@healing/adapters';

/** The commit subject and pull request title of a heal. */
export function healTitle(
  chosen: HealAttempt,
  culprit: Culprit | undefined,
  targetIds: readonly string[],
): string {
  if (chosen.strategy === 'regression' && culprit) {
    return `heal: revert ${culprit.sha.slice(0, 7)} (${culprit.message.split('\n')[0]})`;
  }
  const first = targetIds[0] ?? 'failing tests';
  const more = targetIds.length > 1 ? ` and ${targetIds.length - 1} more` : '';
  return `heal: fix ${first}${more} (${chosen.strategy})`;
}
