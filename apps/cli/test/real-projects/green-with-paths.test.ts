import { createNodeProject, type Project } from '@healing/test-projects';
import { afterEach, describe, expect, it } from 'vitest';
import { healIn } from './run-heal-in.js';

const SLOW = 600_000;
let project: Project | undefined;
afterEach(() => project?.cleanup());

const TESTS = {
  node: `const test = require('node:test');
const assert = require('node:assert');
test.describe('math', () => {
  test.it('adds', () => assert.strictEqual(1 + 1, 2));
  test.it('subtracts', () => assert.strictEqual(3 - 1, 2));
});
`,
  mocha: `const assert = require('node:assert');
describe('math', function () {
  it('adds', function () { assert.strictEqual(1 + 1, 2); });
  it('subtracts', function () { assert.strictEqual(3 - 1, 2); });
});
`,
  vitest: `import { describe, expect, it } from 'vitest';
describe('math', () => {
  it('adds', () => expect(1 + 1).toBe(2));
  it('subtracts', () => expect(3 - 1).toBe(2));
});
`,
};

// The shapes `heal run` once broke by appending reporter flags after the script's paths.
const CASES = [
  { script: 'node --test test/', devDependencies: {}, file: 'test/math.test.js', source: TESTS.node },
  {
    script: 'mocha test/',
    devDependencies: { mocha: '^11.1.0' },
    file: 'test/math.test.js',
    source: TESTS.mocha,
  },
  {
    script: 'vitest run src',
    devDependencies: { vitest: '^4.1.0' },
    file: 'src/math.test.mjs',
    source: TESTS.vitest,
  },
];

describe('heal run on a green repository whose test script passes paths', () => {
  for (const { script, devDependencies, file, source } of CASES) {
    it(
      `reports green for "${script}", counting each test`,
      async () => {
        project = createNodeProject({
          name: 'tiny',
          scripts: { test: script },
          devDependencies,
          files: { [file]: source },
        });
        const { code, report } = await healIn(project, []);
        expect(code).toBe(0);
        expect(report.outcome).toBe('green');
        expect(report.before).toMatchObject({ passed: 2, failed: 0 });
      },
      SLOW,
    );
  }
});
