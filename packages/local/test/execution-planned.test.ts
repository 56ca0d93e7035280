import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createProcessExecution } from '../src/index.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'heal-planned-')));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const NODE_TESTS = {
  'package.json': JSON.stringify({ name: 'tiny', scripts: { test: 'node --test test/' } }),
  'test/math.test.js': `const test = require('node:test');
const assert = require('node:assert');
test.describe('math', () => {
  test.it('adds', () => assert.strictEqual(1 + 1, 2));
  test.it('multiplies', () => assert.strictEqual(2 * 3, 6));
});
`,
};

describe('process execution of a test command with no configured report', () => {
  it('runs a script that passes paths (node --test test/) green, test by test, leaving nothing behind', async () => {
    dir = project(NODE_TESTS);
    const run = await createProcessExecution({ cwd: dir }).runTests({ command: 'npm test' });
    expect(run.problem).toBeUndefined();
    expect(run.command.exitCode).toBe(0);
    expect(run.result.failed).toBe(0);
    // Node 20's reporters name no file for a passing test: node ids are the full names.
    expect([...run.result.passedTestIds].sort()).toEqual(['math adds', 'math multiplies']);
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'test']);
  });

  it('focuses on the tests asked for when the runner can filter', async () => {
    dir = project(NODE_TESTS);
    const run = await createProcessExecution({ cwd: dir }).runTests({
      command: 'node --test test/',
      focus: [{ id: 'math adds', name: 'math adds', file: 'test/math.test.js' }],
    });
    expect(run.focused).toBe(true);
    expect(run.result.passedTestIds).toEqual(['math adds']);
  });

  it('says a missing program could not run, for a shell line and for an argv alike', async () => {
    dir = project({ 'package.json': JSON.stringify({ name: 'tiny', scripts: { test: 'mocha test/' } }) });
    const execution = createProcessExecution({ cwd: dir });
    const viaScript = await execution.runTests({ command: 'npm test' });
    expect(viaScript.problem?.kind).toBe('command-not-found');
    expect(viaScript.problem?.message).toMatch(/mocha.*not found/);
    const argv = await execution.runTests({ command: ['no-such-runner-here', 'test/'] });
    expect(argv.problem?.kind).toBe('command-not-found');
    const configured = await execution.runTests({
      command: ['no-such-runner-here'],
      report: { format: 'junit', path: 'report.xml' },
    });
    expect(configured.problem?.kind).toBe('command-not-found');
  });
});
