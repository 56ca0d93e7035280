import { describe, expect, it } from 'vitest';
import { detectReportFormat, parseTestReport } from './parse-test-report.js';

const junit = `<?xml version="1.0"?>
<testsuites>
  <testsuite name="math" file="test/math.test.ts">
    <testcase classname="math" name="adds" time="0.01"/>
    <testcase classname="math" name="divides" time="0.02">
      <failure message="expected 2 to be 3">AssertionError: expected 2 to be 3
    at test/math.test.ts:9</failure>
    </testcase>
    <testcase classname="math" name="later"><skipped/></testcase>
  </testsuite>
  <testsuite name="io"><testcase classname="io" name="reads"/></testsuite>
</testsuites>`;

describe('parseTestReport', () => {
  it('reads JUnit XML: passes, failures with message and output, skips and time', () => {
    const result = parseTestReport(junit);
    expect(result).toMatchObject({ passed: 2, failed: 1, skipped: 1, total: 4, source: 'junit' });
    expect(result.durationMs).toBeCloseTo(30);
    expect(result.failedTests[0]).toMatchObject({
      id: 'test/math.test.ts > divides',
      file: 'test/math.test.ts',
      message: 'expected 2 to be 3',
    });
    expect(result.failedTests[0]?.output).toContain('test/math.test.ts:9');
    expect(result.passedTestIds).toEqual(['test/math.test.ts > adds', 'io > reads']);
  });

  it('reads a single <testsuite> root', () => {
    const result = parseTestReport(
      '<testsuite name="x"><testcase name="a"/><testcase name="b"><error message="boom"/></testcase></testsuite>',
    );
    expect(result).toMatchObject({ passed: 1, failed: 1 });
  });

  it('reads TAP with skip and todo directives', () => {
    const tap =
      'TAP version 13\n1..4\nok 1 - first\nnot ok 2 - second\nok 3 - third # SKIP no db\nnot ok 4 - fourth # TODO later\n';
    const result = parseTestReport(tap);
    expect(result).toMatchObject({ passed: 1, failed: 1, skipped: 2, source: 'tap' });
    expect(result.failedTests[0]?.name).toBe('second');
  });

  it('reads Vitest/Jest JSON', () => {
    const json = JSON.stringify({
      numTotalTestSuites: 1,
      testResults: [
        {
          name: 'a.test.ts',
          assertionResults: [
            { fullName: 'a works', status: 'passed', failureMessages: [], duration: 3 },
            {
              fullName: 'a breaks',
              status: 'failed',
              failureMessages: ['Error: nope\n  at a.test.ts:3'],
              duration: 4,
            },
            { fullName: 'a waits', status: 'pending', failureMessages: [] },
          ],
        },
      ],
    });
    const result = parseTestReport(json);
    expect(result).toMatchObject({ passed: 1, failed: 1, skipped: 1, durationMs: 7, source: 'jest-json' });
    expect(result.failedTests[0]).toMatchObject({ id: 'a.test.ts > a breaks', message: 'Error: nope' });
  });

  it('refuses what it cannot read with REPORT_PARSE_FAILED', () => {
    expect(() => detectReportFormat('hello')).toThrow(
      expect.objectContaining({ code: 'REPORT_PARSE_FAILED' }),
    );
    expect(() => parseTestReport('hello')).toThrow(expect.objectContaining({ code: 'REPORT_PARSE_FAILED' }));
    expect(() => parseTestReport('<html/>', 'junit')).toThrow(
      expect.objectContaining({ code: 'REPORT_PARSE_FAILED' }),
    );
    expect(() => parseTestReport('{"testResults": 1', 'vitest-json')).toThrow(
      expect.objectContaining({ code: 'REPORT_PARSE_FAILED' }),
    );
  });
});

describe('JUnit character references', () => {
  it('decodes numeric references in messages as XML does (pytest writes newlines as &#10;)', () => {
    const result = parseTestReport(
      '<testsuites><testsuite name="t"><testcase file="tests/test_a.py" classname="tests.test_a" name="test_x"><failure message="AssertionError: &#10;  expected &#x41;">boom</failure></testcase></testsuite></testsuites>',
      'junit',
    );
    expect(result.failedTests[0]?.message).toBe('AssertionError: \n  expected A');
  });
});
