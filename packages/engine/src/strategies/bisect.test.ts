import { describe, expect, it } from 'vitest';
import { type BisectVerdict, bisect } from './bisect.js';

const commitsOf = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

describe('bisect', () => {
  it('finds every possible culprit among 30 commits in at most ceil(log2 30) = 5 runs', async () => {
    for (let culprit = 0; culprit < 30; culprit += 1) {
      const tested: number[] = [];
      const result = await bisect({
        commits: commitsOf(30),
        test: async (commit) => {
          tested.push(commit);
          return commit >= culprit ? 'bad' : 'good';
        },
      });
      expect(result.culprit).toBe(culprit);
      expect(result.testRuns).toBe(tested.length);
      expect(result.testRuns).toBeLessThanOrEqual(5);
      expect(tested).not.toContain(29);
    }
  });

  it('steps around a commit that does not build', async () => {
    const verdicts = new Map<number, BisectVerdict>();
    const result = await bisect({
      commits: commitsOf(16),
      test: async (commit) => {
        const verdict: BisectVerdict = commit === 7 ? 'skip' : commit >= 9 ? 'bad' : 'good';
        verdicts.set(commit, verdict);
        return verdict;
      },
    });
    expect(result.culprit).toBe(9);
    expect(verdicts.get(7)).toBe('skip');
    expect(result.steps.map((step) => step.commit)).toContain(7);
    expect(result.testRuns).toBeLessThanOrEqual(6);
  });

  it('names the suspects when skipped commits hide the culprit', async () => {
    const result = await bisect({
      commits: commitsOf(8),
      test: async (commit) => (commit === 4 || commit === 5 ? 'skip' : commit >= 5 ? 'bad' : 'good'),
    });
    expect(result.culprit).toBeNull();
    expect(result.suspects).toEqual([4, 5, 6]);
  });

  it('needs no run for a single commit and returns nothing for none', async () => {
    const single = await bisect({ commits: ['only'], test: async () => 'bad' });
    expect(single).toMatchObject({ culprit: 'only', testRuns: 0 });
    const none = await bisect({ commits: [], test: async () => 'bad' });
    expect(none).toMatchObject({ culprit: null, suspects: [], testRuns: 0 });
  });
});
