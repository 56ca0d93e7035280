import type { FailedTest } from '@healing/adapters';
import { XMLParser } from 'fast-xml-parser';
import { createReading, type Reading } from './reading.js';
import { reportParseError } from './report-error.js';

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // Numeric character references (`&#10;` in pytest's failure messages) decode as XML says they do.
  htmlEntities: true,
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped', 'testsuites'].includes(name),
});

const asNodes = (value: unknown): XmlNode[] =>
  Array.isArray(value)
    ? value.filter((item): item is XmlNode => typeof item === 'object' && item !== null)
    : [];

const attribute = (node: XmlNode, name: string): string | undefined => {
  const value = node[`@${name}`];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

function nodeText(node: XmlNode): string {
  const text = node['#text'];
  return typeof text === 'string' ? text.trim() : '';
}

function collectCases(node: XmlNode, into: XmlNode[], suiteFile?: string): void {
  for (const testCase of asNodes(node.testcase)) {
    into.push(suiteFile && !attribute(testCase, 'file') ? { ...testCase, '@file': suiteFile } : testCase);
  }
  for (const suite of asNodes(node.testsuite))
    collectCases(suite, into, attribute(suite, 'file') ?? suiteFile);
  for (const suites of asNodes(node.testsuites)) collectCases(suites, into, suiteFile);
}

/**
 * pytest's xunit1 `classname` is the test file's module path plus its classes
 * (`tests.test_math.TestDivision`): the name pytest prints is `TestDivision::test_divides`.
 */
function pytestName(file: string, classname: string | undefined, name: string): string {
  const module = file.replace(/\.py$/, '').replaceAll('/', '.');
  if (classname === undefined || !(classname === module || classname.startsWith(`${module}.`))) return name;
  return [
    ...classname
      .slice(module.length + 1)
      .split('.')
      .filter((part) => part !== ''),
    name,
  ].join('::');
}

/** JUnit XML as vitest, jest-junit, pytest, go-junit-report and Maven Surefire write it. */
export function readJunit(text: string): Reading {
  let document: XmlNode;
  try {
    document = parser.parse(text, true) as XmlNode;
  } catch (error) {
    throw reportParseError('JUnit XML', error instanceof Error ? error.message : String(error), error);
  }
  if (!('testsuites' in document) && !('testsuite' in document)) {
    throw reportParseError('JUnit XML', 'no <testsuites> or <testsuite> element');
  }
  const cases: XmlNode[] = [];
  collectCases(document, cases);
  const failedTests: FailedTest[] = [];
  const loadFailures: FailedTest[] = [];
  const passedTestIds: string[] = [];
  let skipped = 0;
  let durationMs = 0;
  for (const testCase of cases) {
    const file = attribute(testCase, 'file') ?? null;
    const ownName = attribute(testCase, 'name') ?? '(unnamed)';
    const name = file?.endsWith('.py')
      ? pytestName(file, attribute(testCase, 'classname'), ownName)
      : ownName;
    const scope = file ?? attribute(testCase, 'classname');
    const id = scope ? `${scope} > ${name}` : name;
    durationMs += Number(attribute(testCase, 'time') ?? 0) * 1000 || 0;
    const problems = [...asNodes(testCase.failure), ...asNodes(testCase.error)];
    if (problems.length > 0) {
      const first = problems[0] ?? {};
      const output = problems.map(nodeText).join('\n');
      // pytest writes a module that failed to import as a testcase whose error is "collection failure".
      if (attribute(first, 'message') === 'collection failure' && file !== null) {
        const message = output.split('\n').findLast((line) => /^E\s+\w+(Error|Exception)\b/.test(line));
        loadFailures.push({
          id: file,
          name: file,
          file,
          message: message?.slice(1).trim() ?? 'collection failure',
          output,
        });
        continue;
      }
      failedTests.push({
        id,
        name,
        file,
        message: attribute(first, 'message') ?? nodeText(first).split('\n')[0] ?? '',
        output,
      });
    } else if (testCase.skipped !== undefined) {
      skipped++;
    } else {
      passedTestIds.push(id);
    }
  }
  return createReading({ failedTests, loadFailures, passedTestIds, skipped, durationMs });
}
