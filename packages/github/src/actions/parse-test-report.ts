import {
  createTestResult,
  type FailedTest,
  HealingError,
  type TestReportFormat,
  type TestResult,
} from '@healing/adapters';
import { XMLParser } from 'fast-xml-parser';

// A small parser of its own: @healing/github must not depend on @healing/local, where the
// full report parser lives; the three formats a workflow uploads are covered here.

type Format = Exclude<TestReportFormat, 'exit-code'>;

export function detectReportFormat(text: string): Format | null {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) return 'junit';
  if (trimmed.startsWith('{'))
    return /"numTotalTestSuites"|"testResults"/.test(trimmed) ? 'vitest-json' : null;
  if (/^(TAP version \d+|1\.\.\d+|(not )?ok\b)/m.test(trimmed)) return 'tap';
  return null;
}

function reportError(format: string, reason: string, cause?: unknown): HealingError {
  return new HealingError(
    'REPORT_PARSE_FAILED',
    `the ${format} test report could not be read: ${reason}; check that the runner writes a complete report`,
    cause === undefined ? {} : { cause },
  );
}

type XmlNode = Record<string, unknown>;
const asArray = (value: unknown): XmlNode[] =>
  value === undefined
    ? []
    : (Array.isArray(value) ? value : [value]).filter(
        (item): item is XmlNode => typeof item === 'object' && item !== null,
      );
const text = (value: unknown): string => {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const node = asArray(value)[0];
  if (!node) return '';
  return String(node['#text'] ?? node['@_message'] ?? '');
};

function parseJunit(report: string): TestResult {
  let document: XmlNode;
  try {
    document = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
    }).parse(report, true);
  } catch (error) {
    throw reportError('JUnit', 'it is not well-formed XML', error);
  }
  const passedTestIds: string[] = [];
  const failedTests: FailedTest[] = [];
  let skipped = 0;
  let durationMs = 0;
  const visit = (suite: XmlNode, file: string | null): void => {
    const suiteFile = (suite['@_file'] as string | undefined) ?? file;
    for (const testCase of asArray(suite.testcase)) {
      const name = String(testCase['@_name'] ?? '');
      const caseFile =
        (testCase['@_file'] as string | undefined) ??
        suiteFile ??
        (testCase['@_classname'] as string | undefined) ??
        null;
      const id = caseFile ? `${caseFile} > ${name}` : name;
      durationMs += Number(testCase['@_time'] ?? 0) * 1000 || 0;
      const failure = asArray(testCase.failure)[0] ?? asArray(testCase.error)[0];
      if (failure) {
        failedTests.push({
          id,
          name,
          file: caseFile,
          message: String(failure['@_message'] ?? '').trim(),
          output: text(failure).trim(),
        });
      } else if (testCase.skipped !== undefined) skipped += 1;
      else passedTestIds.push(id);
    }
    for (const child of asArray(suite.testsuite)) visit(child, suiteFile);
  };
  const roots = [
    ...asArray(document.testsuites),
    ...asArray(document.testsuite).map((suite) => ({ testsuite: suite })),
  ];
  if (roots.length === 0) throw reportError('JUnit', 'it has no <testsuites> or <testsuite> element');
  for (const root of roots) visit(root, null);
  return createTestResult({ passedTestIds, failedTests, skipped, durationMs, source: 'junit' });
}

function parseTap(report: string): TestResult {
  const passedTestIds: string[] = [];
  const failedTests: FailedTest[] = [];
  let skipped = 0;
  for (const line of report.split(/\r?\n/)) {
    const match = /^(not )?ok\b\s*(\d+)?\s*(?:-\s*)?([^#]*)(?:#\s*(\w+))?/.exec(line);
    if (!match) continue;
    const name = (match[3] ?? '').trim() || `test ${match[2] ?? '?'}`;
    const directive = (match[4] ?? '').toUpperCase();
    if (directive === 'SKIP' || directive === 'TODO') skipped += 1;
    else if (match[1]) failedTests.push({ id: name, name, file: null, message: line.trim(), output: '' });
    else passedTestIds.push(name);
  }
  return createTestResult({ passedTestIds, failedTests, skipped, source: 'tap' });
}

interface JsonAssertion {
  readonly fullName?: string;
  readonly title?: string;
  readonly status?: string;
  readonly failureMessages?: readonly string[];
  readonly duration?: number | null;
}

function parseJson(report: string, format: Format): TestResult {
  let data: { testResults?: Array<{ name?: string; assertionResults?: JsonAssertion[] }> };
  try {
    data = JSON.parse(report);
  } catch (error) {
    throw reportError('JSON', 'it is not valid JSON', error);
  }
  if (!Array.isArray(data.testResults)) throw reportError('JSON', 'it has no testResults array');
  const passedTestIds: string[] = [];
  const failedTests: FailedTest[] = [];
  let skipped = 0;
  let durationMs = 0;
  for (const file of data.testResults) {
    for (const assertion of file.assertionResults ?? []) {
      const name = assertion.fullName ?? assertion.title ?? '';
      const id = file.name ? `${file.name} > ${name}` : name;
      durationMs += assertion.duration ?? 0;
      if (assertion.status === 'passed') passedTestIds.push(id);
      else if (assertion.status === 'failed') {
        const messages = assertion.failureMessages ?? [];
        failedTests.push({
          id,
          name,
          file: file.name ?? null,
          message: messages[0]?.split('\n')[0] ?? '',
          output: messages.join('\n'),
        });
      } else skipped += 1;
    }
  }
  return createTestResult({
    passedTestIds,
    failedTests,
    skipped,
    durationMs,
    source: format === 'jest-json' ? 'jest-json' : 'vitest-json',
  });
}

/** Parses a JUnit XML, TAP or Jest/Vitest JSON report into a TestResult. */
export function parseTestReport(report: string, format: TestReportFormat | 'auto' = 'auto'): TestResult {
  const resolved = format === 'auto' ? detectReportFormat(report) : format;
  if (resolved === null || resolved === 'exit-code') {
    throw reportError(String(format), 'its format is not JUnit XML, TAP or Jest/Vitest JSON');
  }
  if (resolved === 'junit') return parseJunit(report);
  if (resolved === 'tap') return parseTap(report);
  return parseJson(report, resolved);
}
