import type { FailedTest } from '@healing/adapters';
import { goFailureMessage, readBuildErrors } from '../parse-go-json.js';
import { createReading, type Reading } from '../reading.js';
import type { ConsoleOutput } from './console-output.js';

const FRAME = /^\s*=== (RUN|CONT|NAME|PAUSE)\s+(\S+)/;
const RESULT = /^\s*--- (FAIL|PASS|SKIP): (\S+)/;
const PACKAGE = /^(ok|FAIL|\?)\s*\t(\S+)\s*(.*)$/;

interface GoTest {
  readonly name: string;
  readonly status: string;
}

/**
 * `go test` without -json, plain or -v: `--- FAIL: TestX/sub` lines, then the package's
 * `ok`/`FAIL` line that names their package. Ids are `<package> > <test>`, leaves only.
 */
export function readGoConsole(output: ConsoleOutput): Reading | null {
  const builds = readBuildErrors(output.stderr);
  const failedTests: FailedTest[] = [];
  const loadFailures: FailedTest[] = [];
  const passedTestIds: string[] = [];
  let skipped = 0;
  let packagesSeen = 0;
  let packagesWithoutTests = 0;
  let tests: GoTest[] = [];
  let outputs = new Map<string, string[]>();
  let current: string | null = null;
  for (const line of output.stdout.split('\n')) {
    const frame = FRAME.exec(line);
    const result = RESULT.exec(line);
    const pkg = PACKAGE.exec(line);
    if (frame) current = frame[1] === 'PAUSE' ? null : (frame[2] as string);
    else if (result) {
      tests.push({ name: result[2] as string, status: result[1] as string });
      current = result[2] as string;
    } else if (pkg && (pkg[3] !== '' || pkg[1] !== 'FAIL')) {
      const [, status, name, rest] = pkg as unknown as [string, string, string, string];
      packagesSeen++;
      if (rest.includes('[no test files]')) packagesWithoutTests++;
      const names = tests.map((test) => test.name);
      const isParent = (test: string): boolean => names.some((other) => other.startsWith(`${test}/`));
      const failedChild = (test: string): boolean =>
        tests.some((other) => other.name.startsWith(`${test}/`) && other.status === 'FAIL');
      for (const test of tests) {
        const id = `${name} > ${test.name}`;
        if (test.status === 'FAIL' && !failedChild(test.name)) {
          const lines = outputs.get(test.name) ?? [];
          failedTests.push({
            id,
            name: test.name,
            file: null,
            message: goFailureMessage(lines) || 'test failed',
            output: lines.join('\n'),
          });
        } else if (!isParent(test.name) && test.status === 'PASS') passedTestIds.push(id);
        else if (!isParent(test.name) && test.status === 'SKIP') skipped++;
      }
      if (status === 'FAIL' && !tests.some((test) => test.status === 'FAIL')) {
        const lines = [...(builds.get(name) ?? []), ...(outputs.get('') ?? []), line];
        const failure = {
          id: name,
          name,
          file: null,
          message: goFailureMessage(lines) || rest,
          output: lines.join('\n'),
        };
        (/\[(build|setup) failed\]/.test(rest) ? loadFailures : failedTests).push(failure);
      }
      if (status === 'ok' && tests.length === 0) passedTestIds.push(name);
      tests = [];
      outputs = new Map();
      current = null;
    } else if (line.trim() !== '' && line.trim() !== 'FAIL' && line.trim() !== 'PASS') {
      const key = current ?? '';
      outputs.set(key, [...(outputs.get(key) ?? []), line]);
    }
  }
  if (packagesSeen === 0) return null;
  return createReading({
    failedTests,
    loadFailures,
    passedTestIds,
    skipped,
    sawNoTests: packagesSeen === packagesWithoutTests,
  });
}
