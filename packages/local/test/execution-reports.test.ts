import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessExecution } from '../src/execution/process-execution.js';

// Real runners write the reports: vitest (JUnit and JSON), node's test runner (TAP), pytest (JUnit).
const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const hasPytest = spawnSync('python3', ['-m', 'pytest', '--version'], { stdio: 'ignore' }).status === 0;

const VITEST_SAMPLE = `
describe('math', () => {
  it('adds', () => { expect(1 + 1).toBe(2); });
  it('divides', () => { expect(1 / 1).toBe(2); });
  it.skip('later', () => {});
});
`;
const NODE_SAMPLE = `
import test, { describe, it } from 'node:test';
import assert from 'node:assert';
describe('math', () => {
  it('adds', () => assert.equal(1 + 1, 2));
  it('divides', () => assert.equal(1 / 1, 2));
  it.skip('later', () => {});
});
test('top level ok', () => {});
`;
const PYTEST_SAMPLE = `
import pytest
def test_adds():
    assert 1 + 1 == 2
def test_divides():
    assert 1 / 1 == 2
@pytest.mark.skip(reason="later")
def test_later():
    pass
`;

let dir = '';
const execution = createProcessExecution({ killGraceMs: 500 });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'healing-reports-'));
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  await writeFile(join(dir, 'math.test.js'), VITEST_SAMPLE);
  await writeFile(join(dir, 'math.node-test.mjs'), NODE_SAMPLE);
  await writeFile(join(dir, 'test_math.py'), PYTEST_SAMPLE);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const vitest = (...args: string[]) => [
  process.execPath,
  vitestBin,
  'run',
  '--root',
  dir,
  '--globals',
  ...args,
];

describe('runTests with real runners', () => {
  it('vitest JUnit XML', async () => {
    const { result, command } = await execution.runTests({
      command: vitest('--reporter=junit', '--outputFile=junit.xml'),
      cwd: dir,
      report: { format: 'junit', path: 'junit.xml' },
      timeoutMs: 60_000,
    });
    expect(command.exitCode).toBe(1);
    expect(result).toMatchObject({ source: 'junit', passed: 1, failed: 1, skipped: 1, total: 3 });
    expect(result.failedTests[0]).toMatchObject({
      id: 'math.test.js > math > divides',
      name: 'math > divides',
    });
    expect(result.failedTests[0]?.message).toMatch(/expected 1 to be 2/);
    expect(result.passedTestIds).toEqual(['math.test.js > math > adds']);
  }, 60_000);

  it('vitest JSON, detected automatically', async () => {
    const { result } = await execution.runTests({
      command: vitest('--reporter=json', '--outputFile=vitest.json'),
      cwd: dir,
      report: { format: 'auto', path: 'vitest.json' },
      timeoutMs: 60_000,
    });
    expect(result).toMatchObject({ source: 'vitest-json', passed: 1, failed: 1, skipped: 1 });
    expect(result.failedTests[0]?.name).toBe('math divides');
    expect(result.failedTests[0]?.file).toMatch(/math\.test\.js$/);
  }, 60_000);

  it("node's test runner TAP on stdout, subtests counted by their leaves", async () => {
    const { result } = await execution.runTests({
      command: [process.execPath, '--test', '--test-reporter=tap', 'math.node-test.mjs'],
      cwd: dir,
      report: { format: 'tap' },
    });
    expect(result).toMatchObject({ source: 'tap', passed: 2, failed: 1, skipped: 1, total: 4 });
    expect(result.failedTests[0]?.id).toBe('math > divides');
    expect(result.failedTests[0]?.message).toBe('1 == 2');
  });

  it.skipIf(!hasPytest)('pytest JUnit XML', async () => {
    const { result } = await execution.runTests({
      command: [
        'python3',
        '-m',
        'pytest',
        '-q',
        '-p',
        'no:cacheprovider',
        '--junitxml=pytest.xml',
        'test_math.py',
      ],
      cwd: dir,
      report: { format: 'auto', path: 'pytest.xml' },
    });
    expect(result).toMatchObject({ source: 'junit', passed: 1, failed: 1, skipped: 1 });
    expect(result.failedTests[0]?.id).toBe('test_math > test_divides');
  });

  it('a stale report from an earlier run is ignored: the exit code decides', async () => {
    await writeFile(join(dir, 'stale.xml'), '<testsuite><testcase name="old"/></testsuite>');
    const old = new Date(Date.now() - 60_000);
    const { utimes } = await import('node:fs/promises');
    await utimes(join(dir, 'stale.xml'), old, old);
    const { result } = await execution.runTests({
      command: [process.execPath, '-e', 'process.exit(2)'],
      cwd: dir,
      report: { format: 'junit', path: 'stale.xml' },
    });
    expect(result).toMatchObject({ source: 'exit-code', failed: 1 });
  });
});
