import type { CommitInfo, Culprit } from '@healing/adapters';
import { tryCandidate } from '../candidate/try-candidate.js';
import type { HealContext } from '../run/heal-context.js';
import { bisect } from './bisect.js';
import { findKnownGood } from './find-known-good.js';
import type { StrategyResult } from './strategy-result.js';
import { testCommit } from './test-commit.js';

/**
 * Finds the commit that broke the tests by bisecting between a known-good revision and the
 * failing one, then proposes its revert (which may touch the tests the culprit changed).
 */
export async function runRegressionStrategy(context: HealContext): Promise<StrategyResult> {
  const startedAt = context.now();
  const failed = (reason: string, testRuns: number): StrategyResult => ({
    attempts: [
      { strategy: 'regression', outcome: 'failed', reason, testRuns, durationMs: context.now() - startedAt },
    ],
  });
  const found = await findKnownGood(context, (sha) => testCommit(context, sha));
  if (!('sha' in found)) return failed(found.reason, found.testRuns);
  const { maxCommits } = context.config.strategies.regression;
  // One more than the limit tells a full range from a cut one: a cut range would blame the wrong commit.
  const range = await context.git.log({ from: found.sha, to: found.badSha, limit: maxCommits + 1 });
  if (range.length > maxCommits) {
    return failed(
      `more than ${maxCommits} commits between ${short(found.sha)} (${found.source}) and ${short(found.badSha)}: set strategies.regression.goodRevision closer or raise strategies.regression.maxCommits`,
      found.testRuns,
    );
  }
  // A configured or remembered good revision is checked once (the "+1" of ceil(log2 N) + 1):
  // bisecting from a revision that fails too would blame an innocent commit.
  let good = found;
  if (found.source !== 'stepped back') {
    const verdict = await testCommit(context, found.sha);
    good = { ...found, testRuns: found.testRuns + 1 };
    if (verdict === 'bad') {
      return failed(
        `the ${found.source === 'configured' ? 'configured good revision' : 'last green run'} ${short(found.sha)} fails the same tests: it is not a good revision to bisect from`,
        good.testRuns,
      );
    }
  }
  const commits = [...range].reverse();
  const search = await bisect<CommitInfo>({ commits, test: (commit) => testCommit(context, commit.sha) });
  const testRuns = good.testRuns + search.testRuns;
  const confirmed = good.source === 'stepped back' ? '' : ', confirmed green in 1 run';
  const where = `between ${short(good.sha)} (${good.source}${confirmed}) and ${short(good.badSha)}: ${commits.length} commits, ${search.testRuns} bisect run${search.testRuns === 1 ? '' : 's'}`;
  if (search.culprit === null) {
    const suspects = search.suspects.map((commit) => short(commit.sha)).join(', ');
    return failed(
      `bisect ${where} could not single out a culprit; suspects: ${suspects || 'none'}`,
      testRuns,
    );
  }
  const commit = search.culprit;
  const files = await context.git.changedFiles(commit.sha);
  const culprit: Culprit = {
    sha: commit.sha,
    author: `${commit.author.name} <${commit.author.email}>`,
    message: commit.message.trim(),
    files,
  };
  const parent = commit.parents[0];
  if (parent === undefined) {
    return {
      ...failed(`the culprit ${short(commit.sha)} is the root commit: nothing to revert to`, testRuns),
      culprit,
    };
  }
  const patch = await context.git.diff({ from: commit.sha, to: parent });
  const outcome = await tryCandidate(context, {
    strategy: 'regression',
    patch,
    origin: `revert of ${short(commit.sha)} "${firstLine(commit.message)}" found ${where}`,
    startedAt,
    priorTestRuns: testRuns,
    exemptTestFiles: files,
  });
  return {
    attempts: [outcome.attempt],
    culprit,
    ...(outcome.isAccepted && outcome.after
      ? { accepted: { attempt: outcome.attempt, after: outcome.after } }
      : {}),
  };
}

const short = (sha: string): string => sha.slice(0, 7);
const firstLine = (message: string): string => message.trim().split('\n')[0] ?? '';
