import { createTestResult, type HealReport } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { renderPullRequestBody } from './render-pull-request-body.js';

const patch =
  'diff --git a/src/sum.js b/src/sum.js\n--- a/src/sum.js\n+++ b/src/sum.js\n@@ -1 +1 @@\n-a - b\n+a + b\n';
const report: HealReport = {
  version: 1,
  id: 'heal-1',
  repository: 'acme/app',
  sha: '0123456789abcdef0123456789abcdef01234567',
  branch: 'main',
  fingerprint: 'abcdef0123456789'.repeat(4),
  outcome: 'healed',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:00:03.000Z',
  durationMs: 3000,
  failingTests: [
    {
      id: 'sum > adds',
      name: 'adds',
      file: 'test/sum.test.js',
      message: 'expected -1 | to be 3',
      output: '',
    },
  ],
  attempts: [
    { strategy: 'flaky', outcome: 'failed', reason: 'deterministic', testRuns: 3, durationMs: 1200 },
    {
      strategy: 'regression',
      outcome: 'accepted',
      reason: 'revert of 89abcde',
      testRuns: 6,
      durationMs: 1500,
      patch,
    },
  ],
  flakyTests: [{ id: 'net > retries', passes: 2, failures: 1 }],
  culprit: {
    sha: '89abcdef'.repeat(5),
    author: 'Ada <ada@example.com>',
    message: 'Break sum\n\nlong text',
    files: ['src/sum.js'],
  },
  chosen: {
    strategy: 'regression',
    outcome: 'accepted',
    reason: 'revert of 89abcde',
    testRuns: 6,
    durationMs: 1500,
    patch,
    diffStat: { files: 1, insertions: 1, deletions: 1 },
  },
  before: createTestResult({ source: 'junit', passedTestIds: ['a'], failedTests: [] }),
  after: createTestResult({ source: 'junit', passedTestIds: ['a', 'sum > adds'] }),
  summary: 'healed by the regression strategy',
};

describe('renderPullRequestBody', () => {
  const body = renderPullRequestBody(report);

  it('lists what failed, escaping table pipes', () => {
    expect(body).toContain('| sum > adds | expected -1 \\| to be 3 |');
    expect(body).toContain('On `0123456` (branch `main`)');
  });

  it('lists the attempts in order with runs and durations', () => {
    expect(body).toContain('| 1 | flaky | failed | 3 | 1.2 s | deterministic |');
    expect(body).toContain('| 2 | regression | accepted | 6 | 1.5 s | revert of 89abcde |');
  });

  it('shows the culprit, the diff and before/after results and flaky counts', () => {
    expect(body).toContain('`89abcde` by Ada <ada@example.com>: Break sum');
    expect(body).toContain('(1 files, +1 −1)');
    expect(body).toContain('```diff\ndiff --git a/src/sum.js b/src/sum.js');
    expect(body).toContain('| before | 1 | 0 | 0 | 1 |');
    expect(body).toContain('| after | 2 | 0 | 0 | 2 |');
    expect(body).toContain('| net > retries | 2 | 1 |');
  });
});
