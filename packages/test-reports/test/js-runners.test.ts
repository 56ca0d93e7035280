import { mkdtemp, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FocusTest } from '@healing/adapters';
import { beforeAll, describe, expect, it } from 'vitest';
import { failingProject, greenProject } from './js-projects.js';
import { execute, explain, runPlanned, writeFiles } from './run-planned.js';

// Real runners from the npm registry, installed once for this file (mocha, jest, vitest);
// node's runner is the node running these tests.
let project = '';
let green = '';

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'healing-js-runners-'));
  await writeFiles(project, failingProject());
  const install = await execute('npm install --no-audit --no-fund --loglevel=error', project, {});
  if (install.exitCode !== 0) throw new Error(`npm install failed: ${install.stderr}`);
  green = await mkdtemp(join(tmpdir(), 'healing-js-green-'));
  await writeFiles(green, greenProject());
  await symlink(join(project, 'node_modules'), join(green, 'node_modules'));
}, 600_000);

const FAILED = ['io nested [x] writes a+b?', 'math division (by zero) divides "exactly"'];
const PASSED = ['io reads', 'math adds'];
const withFile = (dir: string, names: readonly string[]) =>
  names.map((name) => `${dir}/${name.startsWith('io') ? 'io' : 'math'}.test.js > ${name}`);

const CASES = [
  {
    runner: 'mocha',
    command: 'mocha test/',
    script: 'npm run test:mocha',
    ids: (n: readonly string[]) => withFile('test', n),
  },
  {
    runner: 'jest',
    command: 'jest test/',
    script: 'npm run test:jest',
    ids: (n: readonly string[]) => withFile('test', n),
  },
  {
    runner: 'vitest',
    command: 'vitest run src',
    script: 'npm run test:vitest',
    ids: (n: readonly string[]) => withFile('src', n),
  },
  // Node 20's reporters give no file for passing tests: node ids are full names (README).
  {
    runner: 'node',
    command: 'node --test node/',
    script: 'npm run test:node',
    ids: (n: readonly string[]) => [...n],
  },
] as const;

describe.each(CASES)('$runner, run as planned', ({ runner, command, script, ids }) => {
  it.each([
    ['direct', `npx ${command}`],
    ['through an npm script', script],
  ])('%s: every test by id, failures with messages', async (_, line) => {
    const run = await runPlanned(project, line);
    const { result, problem } = run.read;
    expect(problem, explain(run)).toBeUndefined();
    expect(run.plan.runners).toEqual([runner]);
    expect(result.runner).toBe(runner);
    expect(result.source, explain(run)).not.toBe('console');
    expect(result.failedTests.map((test) => test.id).sort(), explain(run)).toEqual(ids(FAILED).sort());
    expect(result.passedTestIds.filter((id) => !id.includes('top level')).sort()).toEqual(ids(PASSED).sort());
    expect(result.skipped).toBe(1);
    for (const failure of result.failedTests) expect(failure.message, failure.id).toMatch(/\S/);
  });

  it('focus runs only the failing tests, whose names hold regex characters, quotes and spaces', async () => {
    const first = await runPlanned(project, `npx ${command}`);
    const focus: FocusTest[] = first.read.result.failedTests.map(({ id, name, file }) => ({
      id,
      name,
      file,
    }));
    const run = await runPlanned(project, `npx ${command}`, { focus });
    expect(run.plan.focused, run.plan.description).toBe(true);
    expect(run.read.result.failedTests.map((test) => test.id).sort(), explain(run)).toEqual(
      ids(FAILED).sort(),
    );
    expect(run.read.result.passedTestIds, explain(run)).toEqual([]);
  });
});

describe('scripts that pass paths run green when green', () => {
  it.each([
    ['npm test', 'node --test test/', 'node'],
    ['npx mocha mocha/', 'mocha', 'mocha'],
    ['npm run test:mocha', 'mocha mocha/', 'mocha'],
    ['npx vitest run src', 'vitest', 'vitest'],
    ['npm run test:vitest', 'vitest run src', 'vitest'],
    ['node --test test/', 'node', 'node'],
  ])('%s (%s)', async (line, _, runner) => {
    const run = await runPlanned(green, line);
    expect(run.command.exitCode, explain(run)).toBe(0);
    expect(run.read.result).toMatchObject({ failed: 0, failedTests: [], skipped: 1, runner });
    expect(run.read.result.passed).toBeGreaterThanOrEqual(4);
  });

  it('tests that pass in a command that fails: one command-scope failure', async () => {
    const run = await runPlanned(green, 'npm run test-then-fail');
    expect(run.read.result.passed).toBeGreaterThanOrEqual(4);
    expect(run.read.result.failedTests).toEqual([
      expect.objectContaining({
        id: 'npm run test-then-fail',
        scope: 'command',
        message: expect.stringMatching(/^test command exited with code 3/),
      }),
    ]);
  });
});

describe('runs that could not run, with real commands', () => {
  it.each([
    ['npm run missing-bin', 'command-not-found', /mocha-not-installed: not found/],
    ['npx mocha broken/', 'missing-dependency', /Cannot find module 'left-pad-not-installed'/],
    ['npm run missing-dep', 'missing-dependency', /left-pad-not-installed/],
    ['npm run no-tests', 'no-tests', /No test files found/],
    ['node --test empty/', 'no-tests', /tests 0|no tests/],
    ['npx jest empty/', 'no-tests', /No tests found/],
  ])('%s: %s', async (line, kind, evidence) => {
    const run = await runPlanned(project, line);
    expect(run.read.problem?.kind, explain(run)).toBe(kind);
    expect(run.read.problem?.message).toMatch(evidence);
  });
});
