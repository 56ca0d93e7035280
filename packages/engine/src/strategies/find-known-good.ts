import type { CommitInfo } from '@healing/adapters';
import { isHealingError } from '@healing/adapters';
import { readLastGreen } from '../report/heal-history.js';
import type { HealContext } from '../run/heal-context.js';
import type { CommitVerdict } from './test-commit.js';

export interface KnownGood {
  readonly sha: string;
  readonly source: 'configured' | 'last green run' | 'stepped back';
  /** The nearest commit known to be bad (the failing one, or closer when stepping back found one). */
  readonly badSha: string;
  readonly testRuns: number;
}

/**
 * A revision where the failing tests pass: the configured one, the last green run recorded
 * in the cache, or found by stepping back 1, 2, 4, 8… commits (each step one test run).
 */
export async function findKnownGood(
  context: HealContext,
  testCommit: (sha: string) => Promise<CommitVerdict>,
): Promise<KnownGood | { readonly reason: string; readonly testRuns: number }> {
  const { goodRevision, maxStepBack } = context.config.strategies.regression;
  if (goodRevision !== undefined) {
    try {
      const sha = await context.git.headSha(goodRevision);
      return { sha, source: 'configured', badSha: context.sha, testRuns: 0 };
    } catch (error) {
      if (!isHealingError(error)) throw error;
      return {
        reason: `strategies.regression.goodRevision ${JSON.stringify(goodRevision)} is not a revision of this repository`,
        testRuns: 0,
      };
    }
  }
  const lastGreen = await readLastGreen(context.cache, context.repository);
  if (lastGreen !== null && lastGreen !== context.sha && (await isAncestor(context, lastGreen))) {
    return { sha: lastGreen, source: 'last green run', badSha: context.sha, testRuns: 0 };
  }
  const history: CommitInfo[] = await context.git.log({ to: context.sha, limit: maxStepBack + 1 });
  let badSha = context.sha;
  let testRuns = 0;
  for (let distance = 1; distance < history.length; distance *= 2) {
    const commit = history[Math.min(distance, history.length - 1)] as CommitInfo;
    const verdict = await testCommit(commit.sha);
    testRuns += 1;
    if (verdict === 'good') return { sha: commit.sha, source: 'stepped back', badSha, testRuns };
    if (verdict === 'bad') badSha = commit.sha;
    if (distance >= history.length - 1) break;
  }
  return {
    reason: `no green commit found within ${Math.min(maxStepBack, history.length - 1)} commits back (set strategies.regression.goodRevision to name one)`,
    testRuns,
  };
}

async function isAncestor(context: HealContext, sha: string): Promise<boolean> {
  try {
    const notInHead = await context.git.log({ from: context.sha, to: sha, limit: 1 });
    return notInHead.length === 0;
  } catch (error) {
    if (isHealingError(error)) return false;
    throw error;
  }
}
