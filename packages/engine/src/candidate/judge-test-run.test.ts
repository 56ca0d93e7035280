import { createTestResult, type FailedTest } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { judgeTestRun } from './judge-test-run.js';

const failed = (id: string): FailedTest => ({ id, name: id, file: null, message: 'boom', output: '' });
const before = createTestResult({ source: 'junit', passedTestIds: ['a', 'b'], failedTests: [failed('t')] });
const options = { before, targetIds: ['t'], flakyIds: new Set<string>() };

describe('judgeTestRun', () => {
  it('passes when the target passes and nothing else changed', () => {
    const after = createTestResult({ source: 'junit', passedTestIds: ['a', 'b', 't'] });
    expect(judgeTestRun(after, options)).toEqual({ isPassing: true, reason: 'all tests pass' });
  });

  it('names a target that still fails or no longer runs', () => {
    const stillFailing = createTestResult({
      source: 'junit',
      passedTestIds: ['a', 'b'],
      failedTests: [failed('t')],
    });
    expect(judgeTestRun(stillFailing, options).reason).toBe('still failing: t');
    const removed = createTestResult({ source: 'junit', passedTestIds: ['a', 'b'] });
    expect(judgeTestRun(removed, options).reason).toBe('no longer run: t');
  });

  it('names a test the candidate broke, unless it is known flaky', () => {
    const broke = createTestResult({
      source: 'junit',
      passedTestIds: ['a', 't'],
      failedTests: [failed('b')],
    });
    expect(judgeTestRun(broke, options).reason).toBe('breaks tests that passed before: b');
    expect(judgeTestRun(broke, { ...options, flakyIds: new Set(['b']) }).isPassing).toBe(true);
  });

  it('names tests that vanished', () => {
    const vanished = createTestResult({ source: 'junit', passedTestIds: ['a', 't'] });
    expect(judgeTestRun(vanished, options).reason).toBe('tests that passed before no longer run: b');
  });

  it('falls back to the failure count when the runner wrote no report', () => {
    const green = createTestResult({ source: 'exit-code', passed: 1 });
    expect(judgeTestRun(green, options).isPassing).toBe(true);
  });

  it('judges a focused run by its target tests only', () => {
    const focused = createTestResult({ source: 'junit', passedTestIds: ['t'] });
    expect(judgeTestRun(focused, { ...options, scope: 'targets' }).isPassing).toBe(true);
    expect(judgeTestRun(focused, { ...options, scope: 'suite' }).reason).toBe(
      'tests that passed before no longer run: a, b',
    );
    const skipped = createTestResult({ source: 'junit', passedTestIds: [] });
    expect(judgeTestRun(skipped, { ...options, scope: 'targets' }).reason).toBe('no longer run: t');
  });

  it('passes a target that was the command as a whole once the command succeeds', () => {
    const lintFailed = createTestResult({
      source: 'exit-code',
      failedTests: [
        { id: 'npm test', name: 'npm test', file: null, message: 'exit 1', output: '', scope: 'command' },
      ],
    });
    const command = { before: lintFailed, targetIds: ['npm test'], flakyIds: new Set<string>() };
    expect(
      judgeTestRun(createTestResult({ source: 'mocha-json', passedTestIds: ['a', 'b'] }), command).isPassing,
    ).toBe(true);
    const stillLint = createTestResult({
      source: 'exit-code',
      failedTests: [
        { id: 'npm test', name: 'npm test', file: null, message: 'exit 1', output: '', scope: 'command' },
      ],
    });
    expect(judgeTestRun(stillLint, command).reason).toBe('still failing: npm test');
  });

  it('refuses a run with fewer tests than before, even when no id can be compared', () => {
    const counted = createTestResult({ source: 'console', passed: 40, failedTests: [failed('t')] });
    const fewer = createTestResult({ source: 'console', passed: 30 });
    expect(judgeTestRun(fewer, { before: counted, targetIds: [], flakyIds: new Set<string>() }).reason).toBe(
      'fewer tests run than before: 30 after the change, 41 before',
    );
  });
});
