export type BisectVerdict = 'good' | 'bad' | 'skip';

export interface BisectOptions<Commit> {
  /** Commits after the known-good revision, oldest first; the last one is known bad. */
  readonly commits: readonly Commit[];
  /** Tests one commit: `skip` when it cannot be judged (it does not build, the runner broke). */
  test(commit: Commit, index: number): Promise<BisectVerdict>;
}

export interface BisectStep<Commit> {
  readonly commit: Commit;
  readonly verdict: BisectVerdict;
}

export interface BisectResult<Commit> {
  /** The first bad commit, or null when skipped commits hide which one it is. */
  readonly culprit: Commit | null;
  /** Every commit that may be the culprit: one when found, the skipped range otherwise. */
  readonly suspects: readonly Commit[];
  readonly steps: readonly BisectStep<Commit>[];
  readonly testRuns: number;
}

/**
 * Binary search for the first bad commit, as `git bisect` does: ceil(log2 N) tests for N
 * commits when none is skipped. A skipped commit is replaced by its nearest untested
 * neighbour inside the range, so one broken build costs one extra run, not the search.
 * Written here rather than driving `git bisect` because it must work over any GitAdapter
 * (remote ones have no working tree) and test each commit in an isolated workspace.
 */
export async function bisect<Commit>(options: BisectOptions<Commit>): Promise<BisectResult<Commit>> {
  const { commits } = options;
  const steps: BisectStep<Commit>[] = [];
  if (commits.length === 0) return { culprit: null, suspects: [], steps, testRuns: 0 };
  let good = -1;
  let bad = commits.length - 1;
  const skipped = new Set<number>();
  // Each pass tests one commit or ends: bounded by the number of commits.
  for (let pass = 0; pass < commits.length && bad - good > 1; pass += 1) {
    const index = pickProbe(good, bad, skipped);
    if (index === null) break;
    const commit = commits[index] as Commit;
    const verdict = await options.test(commit, index);
    steps.push({ commit, verdict });
    if (verdict === 'good') good = index;
    else if (verdict === 'bad') bad = index;
    else skipped.add(index);
  }
  const suspects = commits.slice(good + 1, bad + 1);
  return {
    culprit: suspects.length === 1 ? (suspects[0] as Commit) : null,
    suspects,
    steps,
    testRuns: steps.length,
  };
}

/** The untested index nearest the middle of (good, bad), or null when all are skipped. */
function pickProbe(good: number, bad: number, skipped: ReadonlySet<number>): number | null {
  const middle = Math.floor((good + bad) / 2);
  for (let distance = 0; distance < bad - good; distance += 1) {
    for (const index of [middle - distance, middle + distance]) {
      if (index > good && index < bad && !skipped.has(index)) return index;
    }
  }
  return null;
}
