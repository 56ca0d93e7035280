import type { FailedTest } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { failureFingerprint, shortFingerprint } from './failure-fingerprint.js';
import { normalizeFailureText } from './normalize-failure-text.js';

const failed = (id: string, message: string): FailedTest => ({
  id,
  name: id,
  file: null,
  message,
  output: '',
});

describe('normalizeFailureText', () => {
  it('strips ANSI, temp paths, line numbers, timings and addresses', () => {
    const text =
      '\u001b[31mAssertionError\u001b[39m: expected 3 to be 4 at /tmp/heal-abc123/src/sum.js:14:7 (12ms) ptr 0x7ffd1234abcd';
    expect(normalizeFailureText(text)).toBe(
      'AssertionError: expected 3 to be 4 at <tmp>/src/sum.js (<duration>) ptr <addr>',
    );
    expect(normalizeFailureText('at sum (src/sum.js:14:7)')).toBe('at sum (src/sum.js)');
    expect(normalizeFailureText('error on line 42')).toBe('error on line <n>');
  });

  it('keeps the numbers that are part of the assertion', () => {
    expect(normalizeFailureText('expected 3 to equal 4')).toBe('expected 3 to equal 4');
  });
});

describe('failureFingerprint', () => {
  it('is the same across runs that differ only in noise and order', () => {
    const first = failureFingerprint([
      failed('sum.test.js > adds', 'Error: expected 3 to be 4\n    at /tmp/run-1/sum.test.js:3:9'),
      failed('mul.test.js > multiplies', 'Error: boom after 15ms'),
    ]);
    const second = failureFingerprint([
      failed('mul.test.js > multiplies', 'Error: boom after 230ms'),
      failed(
        'sum.test.js > adds',
        '\u001b[1mError: expected 3 to be 4\u001b[0m\n    at /tmp/run-2/sum.test.js:4:1',
      ),
    ]);
    expect(first).toBe(second);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(shortFingerprint(first)).toBe(first.slice(0, 12));
  });

  it('differs when another test fails or the error changes', () => {
    const base = failureFingerprint([failed('a > x', 'Error: expected 3 to be 4')]);
    expect(failureFingerprint([failed('a > y', 'Error: expected 3 to be 4')])).not.toBe(base);
    expect(failureFingerprint([failed('a > x', 'Error: expected 5 to be 4')])).not.toBe(base);
  });
});
