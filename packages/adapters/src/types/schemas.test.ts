import { describe, expect, it } from 'vitest';
import { CommandResultSchema } from './command-result.js';
import { fileChangeFromJson, fileChangeToJson } from './file-change.js';
import { HealReportSchema } from './heal-report.js';
import { createTestResult, isGreen, TestResultSchema } from './test-result.js';

describe('TestResult', () => {
  it('always has a failedTests array, even when the input had none', () => {
    const parsed = TestResultSchema.parse({
      passed: 3,
      failed: 0,
      skipped: 0,
      total: 3,
      durationMs: 10,
      source: 'junit',
    });
    expect(parsed.failedTests).toEqual([]);
    expect(parsed.passedTestIds).toEqual([]);
    expect(TestResultSchema.safeParse({ ...parsed, failedTests: null }).success).toBe(false);
  });

  it('createTestResult derives failed and total from the lists', () => {
    const result = createTestResult({
      passedTestIds: ['a', 'b'],
      skipped: 1,
      failedTests: [{ id: 'c', name: 'c', file: 'c.test.ts', message: 'boom', output: '' }],
      source: 'tap',
    });
    expect(result).toMatchObject({ passed: 2, failed: 1, skipped: 1, total: 4 });
    expect(isGreen(result)).toBe(false);
    expect(isGreen(createTestResult({ passed: 5, source: 'exit-code' }))).toBe(true);
  });
});

describe('CommandResult', () => {
  it('accepts a signal-ended process and fills defaults', () => {
    const parsed = CommandResultSchema.parse({
      exitCode: null,
      signal: 'SIGKILL',
      stdout: '',
      stderr: '',
      durationMs: 5,
      timedOut: true,
    });
    expect(parsed).toMatchObject({ aborted: false, outputTruncated: false });
  });
});

describe('FileChange JSON form', () => {
  it('round-trips bytes through base64', () => {
    const change = {
      kind: 'write' as const,
      path: 'bin/logo.png',
      content: new Uint8Array([0, 255, 10, 13]),
      mode: '100755' as const,
    };
    const json = fileChangeToJson(change);
    expect(typeof json.kind === 'string' && 'content' in json && json.content).toBe('AP8KDQ==');
    expect(fileChangeFromJson(JSON.parse(JSON.stringify(json)))).toEqual(change);
    expect(fileChangeFromJson({ kind: 'delete', path: 'x' })).toEqual({ kind: 'delete', path: 'x' });
  });

  it('refuses an unknown mode', () => {
    expect(() => fileChangeFromJson({ kind: 'write', path: 'x', content: '', mode: '160000' })).toThrow();
  });
});

describe('HealReport', () => {
  it('parses a minimal report and fills the arrays', () => {
    const report = HealReportSchema.parse({
      version: 1,
      id: 'h1',
      repository: 'octo/widgets',
      sha: 'a'.repeat(40),
      branch: 'main',
      fingerprint: 'f'.repeat(16),
      outcome: 'flaky',
      startedAt: '2026-11-25T10:00:00.000Z',
      finishedAt: '2026-11-25T10:00:05.000Z',
      durationMs: 5000,
      before: createTestResult({ passed: 1, source: 'junit' }),
      summary: '1 flaky test',
    });
    expect(report.attempts).toEqual([]);
    expect(report.flakyTests).toEqual([]);
    expect(HealReportSchema.safeParse({ ...report, outcome: 'maybe' }).success).toBe(false);
  });
});
