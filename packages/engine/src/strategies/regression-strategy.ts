import type { CommitInfo, Culprit } from '@healing/adapters';
import { formatPatch, parsePatch } from '@healing/patch';
import { type CandidateOutcome, tryCandidate } from '../candidate/try-candidate.js';
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
  // Test runs this strategy really ran: a bisect step whose workspace could not be set up ran none.
  const runsAtStart = context.metrics.testRuns;
  const spent = (): number => context.metrics.testRuns - runsAtStart;
  const failed = (reason: string): StrategyResult => ({
    attempts: [
      {
        strategy: 'regression',
        outcome: 'failed',
        reason,
        testRuns: spent(),
        durationMs: context.now() - startedAt,
      },
    ],
  });
  const found = await findKnownGood(context, (sha) => testCommit(context, sha));
  if (!('sha' in found)) return failed(found.reason);
  const { maxCommits } = context.config.strategies.regression;
  // One more than the limit tells a full range from a cut one: a cut range would blame the wrong commit.
  const range = await context.git.log({ from: found.sha, to: found.badSha, limit: maxCommits + 1 });
  if (range.length > maxCommits) {
    return failed(
      `more than ${maxCommits} commits between ${short(found.sha)} (${found.source}) and ${short(found.badSha)}: set strategies.regression.goodRevision closer or raise strategies.regression.maxCommits`,
    );
  }
  // A configured or remembered good revision is checked once (the "+1" of ceil(log2 N) + 1):
  // bisecting from a revision that fails too would blame an innocent commit.
  let confirmed = '';
  if (found.source !== 'stepped back') {
    const verdict = await testCommit(context, found.sha);
    if (verdict === 'bad') {
      return failed(
        `the ${found.source === 'configured' ? 'configured good revision' : 'last green run'} ${short(found.sha)} fails the same tests: it is not a good revision to bisect from`,
      );
    }
    confirmed =
      verdict === 'good' ? ', confirmed green in 1 run' : ', not confirmed: its tests could not run';
  }
  const commits = [...range].reverse();
  const search = await bisect<CommitInfo>({ commits, test: (commit) => testCommit(context, commit.sha) });
  const steps = search.steps.length;
  const where = `between ${short(found.sha)} (${found.source}${confirmed}) and ${short(found.badSha)}: ${commits.length} commits, ${steps} bisect step${steps === 1 ? '' : 's'}`;
  if (search.culprit === null) {
    const suspects = search.suspects.map((commit) => short(commit.sha)).join(', ');
    return failed(`bisect ${where} could not single out a culprit; suspects: ${suspects || 'none'}`);
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
      ...failed(`the culprit ${short(commit.sha)} is the root commit: nothing to revert to`),
      culprit,
    };
  }
  const origin = `revert of ${short(commit.sha)} "${firstLine(commit.message)}" found ${where}`;
  const outcome = await tryRevert(context, commit.sha, { origin, startedAt, testRuns: spent(), files });
  return {
    attempts: [outcome.attempt],
    culprit,
    ...(outcome.isAccepted && outcome.after
      ? { accepted: { attempt: outcome.attempt, after: outcome.after } }
      : {}),
  };
}

type LeftOut = { readonly path: string; readonly reason: string };

/**
 * The culprit's revert as `git revert` computes it (a three-way merge onto the failing
 * commit). Files whose revert conflicts with later commits are left as they are; so are files
 * that define how the tests run, which no heal may change. What remains is validated like any
 * candidate, and the attempt names what was left and why.
 */
async function tryRevert(
  context: HealContext,
  sha: string,
  input: {
    readonly origin: string;
    readonly startedAt: number;
    readonly testRuns: number;
    readonly files: readonly string[];
  },
): Promise<CandidateOutcome> {
  const revert = await context.git.revertPatch(sha, { onto: context.sha });
  const leftOut: LeftOut[] = revert.files
    .filter((file) => file.status === 'conflict')
    .map((file) => ({ path: file.path, reason: 'later commits changed it too: its revert conflicts' }));
  let patch = revert.patch;
  // Two rounds at most: the whole clean revert, then without the files that define the test run.
  for (let round = 0; round < 2; round += 1) {
    if (patch.trim() === '') return noCandidate(context, input, leftOut);
    const outcome = await tryCandidate(context, {
      strategy: 'regression',
      patch,
      origin: leftOut.length === 0 ? input.origin : `partial ${input.origin}`,
      startedAt: input.startedAt,
      priorTestRuns: input.testRuns,
      exemptTestFiles: input.files,
      leftOut,
    });
    const refused = outcome.testDefinitionPaths ?? [];
    if (outcome.isAccepted || refused.length === 0 || round === 1) return outcome;
    for (const path of refused)
      leftOut.push({ path, reason: 'it defines how the tests run, which a heal never changes' });
    patch = withoutPaths(patch, refused);
  }
  return noCandidate(context, input, leftOut);
}

function noCandidate(
  context: HealContext,
  input: { readonly origin: string; readonly startedAt: number; readonly testRuns: number },
  leftOut: readonly LeftOut[],
): CandidateOutcome {
  const reason = `${input.origin}: nothing of it can be reverted: ${leftOut.map((entry) => `${entry.path} (${entry.reason})`).join(', ')}`;
  context.emit({ type: 'candidate-rejected', strategy: 'regression', reason });
  return {
    attempt: {
      strategy: 'regression',
      outcome: 'failed',
      reason,
      testRuns: input.testRuns,
      durationMs: Math.max(0, context.now() - input.startedAt),
      leftOut: leftOut.map((entry) => ({ ...entry })),
    },
    isAccepted: false,
    evidence: reason,
  };
}

/** The patch without the files at `paths` (either side of a rename). */
function withoutPaths(patch: string, paths: readonly string[]): string {
  const excluded = new Set(paths);
  const kept = parsePatch(patch).filter(
    (file) => !excluded.has(file.newPath ?? '') && !excluded.has(file.oldPath ?? ''),
  );
  return kept.length === 0 ? '' : formatPatch(kept);
}

const short = (sha: string): string => sha.slice(0, 7);
const firstLine = (message: string): string => message.trim().split('\n')[0] ?? '';
