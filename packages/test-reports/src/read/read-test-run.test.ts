import { readFileSync } from 'node:fs';
import type { CommandResult } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { planTestRun } from '../plan/plan-test-run.js';
import { readTestRun } from './read-test-run.js';

// Report and console fixtures are real output: test/fixtures/README.md says how each was made.
const file = (path: string) => readFileSync(new URL(`../../test/fixtures/${path}`, import.meta.url), 'utf8');
const run = (exitCode: number | null, stdout = '', stderr = ''): CommandResult => ({
  exitCode,
  signal: null,
  stdout,
  stderr,
  durationMs: 10,
  timedOut: false,
  aborted: false,
  outputTruncated: false,
});
const plan = (command: string, scripts: Record<string, string> = {}) =>
  planTestRun({ command, packageJson: JSON.stringify({ scripts }), reportDir: '/tmp/reports' });
const consoleRun = (name: string, exitCode: number) =>
  run(exitCode, file(`console/${name}.stdout.txt`), file(`console/${name}.stderr.txt`));

describe('readTestRun', () => {
  it('reads each report with ids relative to rootDir, and names its runner', () => {
    const cases = [
      ['mocha test/', 'mocha.json', '/tmp/cap/js', 'test/io.test.js > io nested [x] writes a+b?'],
      ['jest test/', 'jest.json', '/tmp/cap/js', 'test/io.test.js > io nested [x] writes a+b?'],
      ['vitest run src', 'vitest.json', '/tmp/cap/js', 'src/io.test.js > io nested [x] writes a+b?'],
      [
        'python -m pytest tests/',
        'pytest.xml',
        '/tmp/cap/py',
        'tests/test_math.py > TestDivision::test_divides',
      ],
      ['node --test test/', 'node.tap', '/tmp/cap/node', 'io nested [x] writes a+b?'],
    ] as const;
    for (const [command, report, rootDir, failedId] of cases) {
      const planned = plan(command);
      const { result, problem } = readTestRun({
        plan: planned,
        command: run(1),
        reports: [file(`reports/${report}`)],
        rootDir,
        label: command,
      });
      expect(problem, command).toBeUndefined();
      expect(
        result.failedTests.map((test) => test.id),
        command,
      ).toContain(failedId);
      expect(result.runner).toBe(planned.runners[0]);
      expect(result.source).toBe(planned.reports[0]?.format);
    }
  });

  it('falls back to the console when the report is missing, and agrees with the report on ids', () => {
    const planned = plan('jest --verbose test/');
    const fromReport = readTestRun({
      plan: planned,
      command: run(1),
      reports: [file('reports/jest.json')],
      rootDir: '/tmp/cap/js',
      label: 'jest',
    });
    const fromConsole = readTestRun({
      plan: planned,
      command: consoleRun('jest-verbose', 1),
      reports: [null],
      rootDir: '/tmp/cap/js',
      label: 'jest',
    });
    expect(fromConsole.result.source).toBe('console');
    expect(fromConsole.result.failedTests.map((test) => test.id).sort()).toEqual(
      fromReport.result.failedTests.map((test) => test.id).sort(),
    );
    expect(fromConsole.result.passedTestIds.sort()).toEqual(fromReport.result.passedTestIds.sort());
  });

  it('old mochas that print the JSON on stdout instead of the file are read there', () => {
    const { result } = readTestRun({
      plan: plan('mocha test/'),
      command: run(2, file('reports/mocha.json')),
      reports: [null],
      rootDir: '/tmp/cap/js',
      label: 'mocha',
    });
    expect(result).toMatchObject({ source: 'mocha-json', failed: 2, passed: 2, skipped: 1 });
  });

  it('two tests the runner reports with one full name stay two', () => {
    const twice = JSON.stringify({
      stats: {},
      passes: [
        { title: 'a', fullTitle: 's a', file: '/r/t.js' },
        { title: 'a', fullTitle: 's a', file: '/r/t.js' },
      ],
    });
    const { result } = readTestRun({
      plan: plan('mocha'),
      command: run(0),
      reports: [twice],
      rootDir: '/r',
      label: 'mocha',
    });
    expect(result.passedTestIds).toEqual(['t.js > s a', 't.js > s a (2)']);
  });

  it('reads go -json events from stdout, with the compiler error of a package that did not build', () => {
    const { result } = readTestRun({
      plan: plan('go test ./...'),
      command: consoleRun('go-build-failure-json', 2),
      reports: [],
      rootDir: '/tmp/cap/go',
      label: 'go test',
    });
    expect(result.source).toBe('go-json');
    expect(result.failedTests.map((test) => [test.id, test.message])).toEqual([
      ['example.com/gp/calc > TestDiv/by_zero', 'calc_test.go:12: got 1, want 2'],
      ['example.com/gp/bad', 'bad/b.go:2:12: undefined: y'],
    ]);
  });

  it('merges several runners and reads the console of a command it did not identify', () => {
    const both = readTestRun({
      plan: plan('make test'),
      command: run(1, `${file('console/pytest-default.stdout.txt')}\n${file('console/go-plain.stdout.txt')}`),
      reports: [],
      rootDir: null,
      label: 'make test',
    });
    expect(both.result.runner).toBe('pytest,go');
    expect(both.result.failed).toBe(4);
  });

  it('a non-zero exit with every test passing is a command-scope failure naming the last line', () => {
    const { result } = readTestRun({
      plan: plan('mocha test/ && npm run lint'),
      command: run(
        1,
        '',
        '/repo/src/a.js\n  3:1  error  Unexpected var  no-var\n\n✖ 1 problem (1 error, 0 warnings)\nnpm error Lifecycle script `lint` failed',
      ),
      reports: [
        JSON.stringify({
          stats: {},
          passes: [{ title: 'a', fullTitle: 'a', file: '/repo/test/a.js' }],
          failures: [],
          pending: [],
        }),
      ],
      rootDir: '/repo',
      label: 'npm test',
    });
    expect(result.passedTestIds).toEqual(['test/a.js > a']);
    expect(result.failedTests).toEqual([
      expect.objectContaining({
        id: 'npm test',
        scope: 'command',
        file: null,
        message: 'test command exited with code 1: ✖ 1 problem (1 error, 0 warnings)',
      }),
    ]);
  });

  it('exit 0 with nothing read and no runner is one synthetic passed test', () => {
    const { result, problem } = readTestRun({
      plan: plan('make test'),
      command: run(0, 'all good'),
      reports: [],
      rootDir: null,
      label: 'make test',
    });
    expect(problem).toBeUndefined();
    expect(result).toMatchObject({ source: 'exit-code', passed: 1, passedTestIds: ['make test'] });
  });

  it('keeps the exit-code result for timeouts, never a problem', () => {
    const timedOut = { ...run(null, '', 'sh: 1: mocha: not found'), timedOut: true };
    const { result, problem } = readTestRun({
      plan: plan('mocha'),
      command: timedOut,
      reports: [null],
      rootDir: null,
      label: 'mocha',
    });
    expect(problem).toBeUndefined();
    expect(result.failedTests[0]?.message).toMatch(/^test command timed out/);
  });

  it('classifies runs that could not run', () => {
    const cases: [string, CommandResult, string, string | null][] = [
      ['mocha test/', run(127, '', 'sh: 1: mocha: not found'), 'command-not-found', null],
      ['npx mocha', run(1, '', 'npm error could not determine executable to run'), 'command-not-found', null],
      [
        'pnpm test',
        run(1, '', ' ERR_PNPM_RECURSIVE_EXEC_FIRST_FAIL  Command "mocha" not found'),
        'command-not-found',
        null,
      ],
      [
        'cross-env A=1 mocha',
        run(127, '', "env: 'mocha': No such file or directory"),
        'command-not-found',
        null,
      ],
      ['mocha bad/', consoleRun('mocha-missing-module', 1), 'missing-dependency', '/tmp/cap/js'],
      ['jest bad/', consoleRun('jest-load-failure', 1), 'missing-dependency', '/tmp/cap/js'],
      ['vitest run vbad', consoleRun('vitest-load-failure', 1), 'missing-dependency', '/tmp/cap/js'],
      [
        'node --test bad/missing.test.js',
        run(
          1,
          file('console/node-load-failures-tap.stdout.txt').split(
            '# Subtest: /tmp/cap/node/bad/bad.test.js',
          )[1] ?? '',
        ),
        'missing-dependency',
        '/tmp/cap/node',
      ],
      [
        'python3 -m pytest',
        run(1, '', '/usr/bin/python3: No module named pytest'),
        'missing-dependency',
        null,
      ],
      [
        'python3 -m pytest --cov jmespath',
        run(
          4,
          '',
          'ERROR: usage: __main__.py [options] [file_or_dir] [file_or_dir] [...]\n__main__.py: error: unrecognized arguments: --cov\n  inifile: None\n  rootdir: /repo',
        ),
        'missing-dependency',
        '/repo',
      ],
      [
        'cargo nextest run',
        run(
          101,
          '',
          'error: no such command: `nextest`\n\n\tView all installed commands with `cargo --list`',
        ),
        'command-not-found',
        null,
      ],
      ['mocha nothing/', consoleRun('mocha-no-tests', 1), 'no-tests', null],
      ['jest nothing/', consoleRun('jest-no-tests', 1), 'no-tests', null],
      ['vitest run nothing', consoleRun('vitest-no-tests', 1), 'no-tests', null],
      ['pytest empty/', consoleRun('pytest-empty', 5), 'no-tests', null],
      ['node --test empty/', consoleRun('node-no-tests', 0), 'no-tests', null],
      ['go test ./empty', consoleRun('go-no-test-files', 0), 'no-tests', null],
      [
        'mocha',
        run(134, '', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory'),
        'crashed',
        null,
      ],
    ];
    for (const [command, result, kind, rootDir] of cases) {
      const planned = plan(command);
      const read = readTestRun({
        plan: planned,
        command: result,
        reports: planned.reports.map(() => null),
        rootDir,
        label: command,
      });
      expect(read.problem?.kind, command).toBe(kind);
      expect(read.problem?.message, command).not.toBe('');
    }
  });

  it("the project's own code failing to load is a failure, not a problem", () => {
    const cases: [string, CommandResult, string][] = [
      ['pytest bad/', consoleRun('pytest-collection-errors', 2), '/tmp/cap/py'],
      ['node --test bad/', consoleRun('node-load-failures-spec', 1), '/tmp/cap/node'],
      ['cargo test', consoleRun('cargo-compile-error', 101), '/tmp/cap/rs'],
      [
        'mocha',
        run(1, '', "/repo/test/a.js:3\n  const a = ;\n            ^\n\nSyntaxError: Unexpected token ';'"),
        '/repo',
      ],
      [
        'python -m pytest',
        run(
          1,
          '',
          "ImportError while importing test module '/repo/tests/test_a.py'.\ntests/test_a.py:1: in <module>\n    from tests.helpers import x\nE   ModuleNotFoundError: No module named 'tests.helpers'",
        ),
        '/repo',
      ],
      [
        'mocha',
        run(1, '', "Error: Cannot find module './lib/missing'\nRequire stack:\n- /repo/test/a.js"),
        '/repo',
      ],
    ];
    for (const [command, result, rootDir] of cases) {
      const planned = plan(command);
      const read = readTestRun({
        plan: planned,
        command: result,
        reports: planned.reports.map(() => null),
        rootDir,
        label: command,
      });
      expect(read.problem, command).toBeUndefined();
      expect(read.result.failed, command).toBeGreaterThan(0);
    }
  });

  it('a step before the runner failing (lint) is a failure of the command, not a crash', () => {
    // ESLint's stylish output, as `npm run lint && npm test` prints it when the lint fails.
    const eslint = [
      '',
      '> numbers-api@1.0.0 lint',
      '> eslint .',
      '',
      '',
      '/repo/src/lib/stats.js',
      "  11:7  error  'sorted' is never reassigned. Use 'const' instead  prefer-const",
      '',
      '✖ 1 problem (1 error, 0 warnings)',
      '  1 error and 0 warnings potentially fixable with the `--fix` option.',
      '',
    ].join('\n');
    const planned = plan('npm run lint && npm test', { lint: 'eslint .', test: 'mocha' });
    expect(planned.runners).toEqual(['mocha']);
    const read = readTestRun({
      plan: planned,
      command: run(1, eslint),
      reports: planned.reports.map(() => null),
      rootDir: '/repo',
      label: 'npm run lint && npm test',
    });
    expect(read.problem).toBeUndefined();
    expect(read.result.failedTests).toEqual([
      expect.objectContaining({ id: 'npm run lint && npm test', scope: 'command' }),
    ]);
    // A runner that breaks in its own code, or is killed, did crash.
    const broken = readTestRun({
      plan: planned,
      command: run(
        1,
        '',
        'TypeError: reporter is not a constructor\n    at /repo/node_modules/mocha/lib/mocha.js:12:3',
      ),
      reports: planned.reports.map(() => null),
      rootDir: '/repo',
      label: 'npm test',
    });
    expect(broken.problem).toEqual({ kind: 'crashed', message: 'TypeError: reporter is not a constructor' });
    const killed = readTestRun({
      plan: planned,
      command: run(137),
      reports: planned.reports.map(() => null),
      rootDir: '/repo',
      label: 'npm test',
    });
    expect(killed.problem?.kind).toBe('crashed');
  });

  it('refuses a report list that does not match the plan', () => {
    expect(() =>
      readTestRun({ plan: plan('mocha'), command: run(0), reports: [], rootDir: null, label: 'mocha' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
