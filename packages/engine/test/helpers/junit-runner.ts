/**
 * A tiny test runner written into each fixture repository as `run-tests.mjs`: it runs
 * `test/*.test.mjs`, or the test files named as arguments (each file calls `test(name, fn)`) and writes `report.xml` in JUnit
 * form, as real runners do; the exit code is 1 when a test fails.
 */
export const JUNIT_RUNNER = `import { readdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cases = [];
let pending = [];
globalThis.test = (name, fn) => pending.push({ name, fn });
globalThis.assertEqual = (actual, expected) => {
  if (actual !== expected) throw new Error('expected ' + JSON.stringify(actual) + ' to be ' + JSON.stringify(expected));
};
const named = process.argv.slice(2).map((path) => path.replace(/^test\\//, ''));
const files = named.length > 0 ? named : readdirSync('test').filter((name) => name.endsWith('.test.mjs')).sort();
for (const name of files) {
  pending = [];
  await import(pathToFileURL('test/' + name).href);
  for (const { name: testName, fn } of pending) {
    const started = Date.now();
    try {
      await fn();
      cases.push({ file: 'test/' + name, name: testName, time: Date.now() - started });
    } catch (error) {
      cases.push({ file: 'test/' + name, name: testName, time: Date.now() - started, error });
    }
  }
}
const body = cases.map((c) => '<testcase file="' + escape(c.file) + '" name="' + escape(c.name) + '" time="' + c.time / 1000 + '">' +
  (c.error ? '<failure message="' + escape(c.error.message) + '">' + escape(c.error.stack) + '</failure>' : '') + '</testcase>').join('');
writeFileSync('report.xml', '<?xml version="1.0"?><testsuites><testsuite name="fixture">' + body + '</testsuite></testsuites>');
process.exit(cases.some((c) => c.error) ? 1 : 0);
`;
