import { isHealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { detectReportFormat, parseTestReport } from './parse-test-report.js';

// Samples in the shapes each tool writes (jest --json, Maven Surefire, go-junit-report), trimmed.
const JEST_JSON = JSON.stringify({
  numTotalTests: 3,
  testResults: [
    {
      name: '/repo/src/sum.test.js',
      status: 'failed',
      message: '',
      assertionResults: [
        {
          ancestorTitles: ['sum'],
          fullName: 'sum adds',
          title: 'adds',
          status: 'passed',
          duration: 2,
          failureMessages: [],
        },
        {
          ancestorTitles: ['sum'],
          fullName: 'sum overflows',
          title: 'overflows',
          status: 'failed',
          duration: 3,
          failureMessages: ['Error: expect(received).toBe(expected)\n\nExpected: 3'],
        },
        {
          ancestorTitles: [],
          fullName: 'todo thing',
          title: 'todo thing',
          status: 'todo',
          failureMessages: [],
        },
      ],
    },
    {
      name: '/repo/src/broken.test.js',
      status: 'failed',
      message: '  ● Test suite failed to run\n\n    SyntaxError: Unexpected token',
      assertionResults: [],
    },
  ],
});

const SUREFIRE = `<?xml version="1.0" encoding="UTF-8"?>
<testsuite xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="com.example.CalculatorTest" time="0.05" tests="3" errors="1" skipped="0" failures="1">
  <properties><property name="java.version" value="17"/></properties>
  <testcase name="adds" classname="com.example.CalculatorTest" time="0.001"/>
  <testcase name="divides" classname="com.example.CalculatorTest" time="0.002">
    <failure message="expected:&lt;2&gt; but was:&lt;1&gt;" type="org.opentest4j.AssertionFailedError">org.opentest4j.AssertionFailedError: expected:&lt;2&gt; but was:&lt;1&gt;</failure>
  </testcase>
  <testcase name="parses" classname="com.example.CalculatorTest" time="0.003">
    <error message="boom" type="java.lang.IllegalStateException">java.lang.IllegalStateException: boom</error>
  </testcase>
</testsuite>`;

const GO_JUNIT = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="2" failures="1">
  <testsuite name="example.com/calc" tests="2" failures="1" time="0.004">
    <testcase name="TestAdd" classname="example.com/calc" time="0.000"></testcase>
    <testcase name="TestDiv" classname="example.com/calc" time="0.001">
      <failure message="Failed" type="">calc_test.go:12: got 1, want 2</failure>
    </testcase>
  </testsuite>
</testsuites>`;

describe('parseTestReport', () => {
  it('jest JSON: assertions, todo as skipped, and a file that failed to run', () => {
    const result = parseTestReport(JEST_JSON, 'auto');
    expect(result).toMatchObject({ source: 'jest-json', passed: 1, failed: 2, skipped: 1, total: 4 });
    expect(result.failedTests.map((test) => test.id)).toEqual([
      '/repo/src/sum.test.js > sum overflows',
      '/repo/src/broken.test.js',
    ]);
    // The reason, not jest's '● Test suite failed to run' heading.
    expect(result.failedTests[1]?.message).toBe('SyntaxError: Unexpected token');
  });

  it('Maven Surefire: failures and errors both fail', () => {
    const result = parseTestReport(SUREFIRE, 'junit');
    expect(result).toMatchObject({ passed: 1, failed: 2, total: 3 });
    expect(result.failedTests[0]).toMatchObject({
      id: 'com.example.CalculatorTest > divides',
      message: 'expected:<2> but was:<1>',
    });
    expect(result.failedTests[1]?.output).toMatch(/IllegalStateException: boom/);
  });

  it('go-junit-report output', () => {
    const result = parseTestReport(GO_JUNIT);
    expect(result).toMatchObject({ source: 'junit', passed: 1, failed: 1 });
    expect(result.failedTests[0]?.output).toBe('calc_test.go:12: got 1, want 2');
  });

  it('plain TAP with a todo and a skip', () => {
    const tap =
      'TAP version 13\n1..4\nok 1 - one\nnot ok 2 - two\n  ---\n  message: bad\n  ...\nok 3 - three # SKIP no\nnot ok 4 - four # TODO later\n';
    expect(detectReportFormat(tap)).toBe('tap');
    const result = parseTestReport(tap);
    expect(result).toMatchObject({ source: 'tap', passed: 1, failed: 1, skipped: 2 });
    expect(result.failedTests[0]).toMatchObject({ id: 'two', message: 'bad' });
  });

  it('garbage is REPORT_PARSE_FAILED naming the format', () => {
    for (const [text, format] of [
      ['not a report', 'auto'],
      ['<html><body/></html>', 'junit'],
      ['{"testResults": 3}', 'jest-json'],
      ['{ broken', 'auto'],
    ] as const) {
      let caught: unknown;
      try {
        parseTestReport(text, format);
      } catch (error) {
        caught = error;
      }
      expect(isHealingError(caught, 'REPORT_PARSE_FAILED'), `${format}: ${text}`).toBe(true);
    }
  });
});
