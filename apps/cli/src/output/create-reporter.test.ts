import { createTestResult, type HealAttempt } from '@healing/adapters';
import type { HealEvent } from '@healing/engine';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../io.js';
import { createReporter } from './create-reporter.js';

function captureIo(options: { isTTY?: boolean; env?: Record<string, string> } = {}): {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
} {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: { write: (text: string) => (out += text) },
      stderr: { write: (text: string) => (err += text), isTTY: options.isTTY ?? false },
      env: options.env ?? {},
    },
    stdout: () => out,
    stderr: () => err,
  };
}

const attempt: HealAttempt = {
  strategy: 'flaky',
  outcome: 'rejected',
  reason: 'the failure reproduced 3 of 3 times',
  testRuns: 3,
  durationMs: 4200,
};
const events: HealEvent[] = [
  { type: 'run-started', repository: 'octo/app', sha: 'a'.repeat(40), at: '2026-11-25T10:00:00.000Z' },
  {
    type: 'failure-observed',
    fingerprint: 'f'.repeat(64),
    result: createTestResult({
      passedTestIds: ['x'],
      failedTests: [{ id: 'math > adds', name: 'adds', file: 'math.test.js', message: 'boom', output: '' }],
      source: 'junit',
    }),
  },
  { type: 'strategy-started', strategy: 'flaky' },
  { type: 'strategy-tried', strategy: 'flaky', attempt },
];

describe('createReporter', () => {
  it('prints plain lines when not on a terminal, without colour codes', () => {
    const { io, stderr, stdout } = captureIo();
    const reporter = createReporter({ io });
    for (const event of events) reporter.onEvent(event);
    reporter.result('not healed', { outcome: 'not-healed' });
    expect(reporter.mode).toBe('plain');
    expect(stderr()).toContain('healing octo/app at aaaaaaaaaaaa');
    expect(stderr()).toContain('1 of 2 tests fail: math > adds');
    expect(stderr()).toContain('✗ flaky: the failure reproduced 3 of 3 times (3 test runs, 4.2 s)');
    expect(stderr()).not.toContain('\x1b[');
    expect(stdout()).toBe('not healed\n');
  });

  it('emits one JSON object per line with --json, and redacts tokens', () => {
    const { io, stdout, stderr } = captureIo();
    const reporter = createReporter({ io, json: true });
    for (const event of events) reporter.onEvent(event);
    reporter.result('', { outcome: 'healed', note: `used ghp_${'x'.repeat(36)}` });
    const lines = stdout()
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as { event: string });
    expect(lines.map((line) => line.event)).toEqual([
      'run-started',
      'failure-observed',
      'strategy-started',
      'strategy-tried',
      'result',
    ]);
    expect(stdout()).not.toContain('ghp_');
    expect(stderr()).toBe('');
  });

  it('prints only the result with --quiet', () => {
    const { io, stderr, stdout } = captureIo();
    const reporter = createReporter({ io, quiet: true });
    for (const event of events) reporter.onEvent(event);
    reporter.result('healed', {});
    expect(stderr()).toBe('');
    expect(stdout()).toBe('healed\n');
  });

  it('draws a spinner with elapsed time on a terminal and colours unless NO_COLOR', () => {
    let clock = 0;
    const { io, stderr } = captureIo({ isTTY: true });
    const reporter = createReporter({ io, now: () => clock });
    reporter.onEvent({ type: 'strategy-started', strategy: 'regression' });
    clock = 1500;
    reporter.onEvent({
      type: 'strategy-tried',
      strategy: 'regression',
      attempt: { ...attempt, strategy: 'regression' },
    });
    reporter.close();
    expect(stderr()).toContain('trying regression');
    expect(stderr()).toContain('\x1b[31m✗');
    const plain = captureIo({ isTTY: true, env: { NO_COLOR: '1' } });
    const noColor = createReporter({ io: plain.io });
    noColor.onEvent({ type: 'strategy-tried', strategy: 'flaky', attempt });
    noColor.close();
    expect(plain.stderr()).toContain('✗ flaky');
    expect(plain.stderr()).not.toContain('\x1b[31m');
  });

  it('shows commands only with --verbose', () => {
    const quiet = captureIo();
    createReporter({ io: quiet.io }).command(['npm', 'test'], '/repo');
    expect(quiet.stderr()).toBe('');
    const verbose = captureIo();
    createReporter({ io: verbose.io, verbose: true }).command(['npm', 'test'], '/repo');
    expect(verbose.stderr()).toBe('$ npm test  (in /repo)\n');
    // With --json, each command is a JSON line on stdout, its secrets redacted like every event.
    const json = captureIo();
    createReporter({ io: json.io, json: true, verbose: true }).command('npm test -- --grep x', '/repo');
    expect(JSON.parse(json.stdout())).toEqual({
      event: 'command',
      command: 'npm test -- --grep x',
      cwd: '/repo',
    });
  });
});
