// Fixtures in test/fixtures/console are real output, captured as test/fixtures/README.md says
// (mocha 12.0.3, jest 30.5.2, vitest 4.1, Node 20.20, pytest 9.0, go 1.19, cargo 1.95).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countTests } from '../reading.js';
import { cleanOutput } from './console-output.js';
import { readCargoConsole } from './read-cargo-console.js';
import { readGoConsole } from './read-go-console.js';
import { readJestConsole } from './read-jest-console.js';
import { readMochaConsole } from './read-mocha-console.js';
import { readNodeConsole } from './read-node-console.js';
import { readPytestConsole } from './read-pytest-console.js';
import { readVitestConsole } from './read-vitest-console.js';

const fixture = (name: string) =>
  cleanOutput({
    stdout: readFileSync(new URL(`../../test/fixtures/console/${name}.stdout.txt`, import.meta.url), 'utf8'),
    stderr: readFileSync(new URL(`../../test/fixtures/console/${name}.stderr.txt`, import.meta.url), 'utf8'),
  });

describe('console readers on real output', () => {
  it('mocha spec: nested passes by full title, numbered failures with their messages', () => {
    const reading = readMochaConsole(fixture('mocha-spec'));
    expect(reading?.passedTestIds).toEqual(['io reads', 'math adds']);
    expect(reading?.failedTests.map((test) => test.id)).toEqual([
      'io nested [x] writes a+b?',
      'math division (by zero) divides "exactly"',
    ]);
    expect(reading?.failedTests[0]?.message).toBe(
      'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
    );
    expect(reading?.skipped).toBe(1);
    expect(readMochaConsole(fixture('mocha-no-tests'))?.sawNoTests).toBe(true);
    expect(readMochaConsole(fixture('mocha-missing-module'))).toBeNull();
  });

  it('jest: failures under their file, passes counted; --verbose names them; a file that failed to load', () => {
    const plain = readJestConsole(fixture('jest-default'));
    expect(plain?.failedTests.map((test) => test.id)).toEqual([
      'test/math.test.js > math division (by zero) divides "exactly"',
      'test/io.test.js > io nested [x] writes a+b?',
    ]);
    expect(plain).toMatchObject({ unnamedPassed: 2, skipped: 1 });
    const verbose = readJestConsole(fixture('jest-verbose'));
    expect(verbose?.passedTestIds).toEqual(['test/math.test.js > math adds', 'test/io.test.js > io reads']);
    expect(verbose?.unnamedPassed).toBe(0);
    const load = readJestConsole(fixture('jest-load-failure'));
    expect(load?.loadFailures[0]).toMatchObject({
      id: 'bad/missing.test.js',
      message: "Cannot find module 'left-pad-missing' from 'bad/missing.test.js'",
    });
    expect(readJestConsole(fixture('jest-no-tests'))?.sawNoTests).toBe(true);
  });

  it('vitest: colours stripped, failures by file > suite > test, a suite that failed to load', () => {
    const reading = readVitestConsole(fixture('vitest-default'));
    expect(reading?.failedTests.map((test) => test.id)).toEqual([
      'src/io.test.js > io nested [x] writes a+b?',
      'src/math.test.js > math division (by zero) divides "exactly"',
    ]);
    expect(reading?.failedTests[0]?.message).toBe('AssertionError: expected 1 to be 2 // Object.is equality');
    expect(reading).toMatchObject({ unnamedPassed: 2, skipped: 1 });
    const load = readVitestConsole(fixture('vitest-load-failure'));
    expect(load?.loadFailures[0]?.message).toMatch(/^Error: Cannot find package 'left-pad-missing'/);
    expect(readVitestConsole(fixture('vitest-no-tests'))?.sawNoTests).toBe(true);
  });

  it('node spec and TAP read the same tests; the failing list gives files; crashed files load-fail', () => {
    const spec = readNodeConsole(fixture('node-spec'));
    const tap = readNodeConsole(fixture('node-tap'));
    expect(spec?.passedTestIds).toEqual(['io reads', 'top level sub one', 'math adds']);
    expect(tap?.passedTestIds).toEqual(spec?.passedTestIds);
    expect(spec?.failedTests.map((test) => [test.id, test.file])).toEqual([
      ['io nested [x] writes a+b?', 'test/io.test.js'],
      ['math division (by zero) divides "exactly"', 'test/math.test.js'],
    ]);
    expect(tap?.failedTests.map((test) => test.id)).toEqual(spec?.failedTests.map((test) => test.id));
    expect(spec?.skipped).toBe(1);
    const crashed = readNodeConsole(fixture('node-load-failures-spec'));
    expect(crashed?.loadFailures.map((test) => test.message)).toEqual([
      "SyntaxError: Unexpected token ';'",
      "Error: Cannot find module 'left-pad-missing'",
    ]);
    const crashedTap = readNodeConsole(fixture('node-load-failures-tap'));
    expect(crashedTap?.loadFailures.map((test) => test.message)).toEqual(
      crashed?.loadFailures.map((test) => test.message),
    );
    expect(readNodeConsole(fixture('node-no-tests'))?.sawNoTests).toBe(true);
  });

  it('pytest: short summary failures and errors, -v passes, collection errors as load failures', () => {
    const reading = readPytestConsole(fixture('pytest-default'));
    expect(reading?.failedTests.map((test) => [test.id, test.message])).toEqual([
      ['tests/test_math.py > TestDivision::test_divides', 'AssertionError: divis...'],
      ['tests/test_math.py > test_equal[2-3]', 'assert 2 == 3'],
      ['tests/test_io.py > test_uses_fixture', 'RuntimeError: fixture broke'],
    ]);
    expect(reading).toMatchObject({ unnamedPassed: 3, skipped: 1 });
    const verbose = readPytestConsole(fixture('pytest-verbose'));
    expect(verbose?.passedTestIds).toEqual([
      'tests/test_io.py > test_reads',
      'tests/test_math.py > test_adds',
      'tests/test_math.py > test_equal[1-1]',
    ]);
    expect(readPytestConsole(fixture('pytest-quiet'))?.failedTests).toHaveLength(3);
    const collection = readPytestConsole(fixture('pytest-collection-errors'));
    expect(collection?.loadFailures.map((test) => [test.id, test.message])).toEqual([
      ['bad/test_missing.py', "ModuleNotFoundError: No module named 'requests_missing_pkg'"],
      ['bad/test_syntax.py', 'SyntaxError: invalid syntax'],
    ]);
    expect(readPytestConsole(fixture('pytest-empty'))?.sawNoTests).toBe(true);
  });

  it('go: plain and -v agree on leaf ids; a build failure is a load failure with the compiler error', () => {
    const plain = readGoConsole(fixture('go-plain'));
    const verbose = readGoConsole(fixture('go-verbose'));
    expect(plain?.failedTests).toMatchObject([
      { id: 'example.com/gp/calc > TestDiv/by_zero', message: 'calc_test.go:12: got 1, want 2' },
    ]);
    expect(verbose?.failedTests.map((test) => [test.id, test.message])).toEqual(
      plain?.failedTests.map((test) => [test.id, test.message]),
    );
    expect(verbose?.passedTestIds).toEqual([
      'example.com/gp/calc > TestAdd',
      'example.com/gp/calc > TestDiv/ok',
    ]);
    expect(verbose?.skipped).toBe(1);
    const build = readGoConsole(fixture('go-build-failure'));
    expect(build?.loadFailures[0]).toMatchObject({
      id: 'example.com/gp/bad',
      message: 'bad/b.go:2:12: undefined: y',
    });
    expect(readGoConsole(fixture('go-no-test-files'))?.sawNoTests).toBe(true);
  });

  it('cargo: each binary block gets its target file from stderr; panics give the message', () => {
    const reading = readCargoConsole(fixture('cargo-fail'));
    expect(reading?.failedTests.map((test) => [test.id, test.message])).toEqual([
      ['src/lib.rs > tests::divides_exactly', 'assertion `left == right` failed: division is off'],
      ['tests/api.rs > api_fails', 'api broke'],
    ]);
    expect(reading?.passedTestIds).toEqual([
      'src/lib.rs > tests::adds',
      'tests/api.rs > api_adds',
      'src/lib.rs - add (line 3)',
    ]);
    expect(reading?.skipped).toBe(1);
    const green = readCargoConsole(fixture('cargo-pass'));
    expect(green && countTests(green)).toBe(6);
    expect(readCargoConsole(fixture('cargo-compile-error'))).toBeNull();
  });
});
