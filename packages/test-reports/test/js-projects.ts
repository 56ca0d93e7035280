/** Test files with nested suites, passing, failing and skipped tests, names full of regex characters and quotes. */
const suites = (head: string, describe = 'describe', it = 'it', fail = true) => ({
  'math.test.js': `${head}
${describe}('math', () => {
  ${it}('adds', () => { assert.strictEqual(1 + 1, 2); });
  ${describe}('division (by zero)', () => {
    ${it}('divides "exactly"', () => { assert.strictEqual(6 / 3, ${fail ? 3 : 2}); });
    ${it}.skip('rounds', () => {});
  });
});
`,
  'io.test.js': `${head}
${describe}('io', () => {
  ${it}('reads', () => {});
  ${describe}('nested [x]', () => {
    ${it}('writes a+b?', () => { assert.strictEqual(1, ${fail ? 2 : 1}); });
  });
});
`,
});

const prefixed = (dir: string, files: Record<string, string>) =>
  Object.fromEntries(Object.entries(files).map(([name, text]) => [`${dir}/${name}`, text]));

const CJS_ASSERT = "const assert = require('node:assert');";
const VITEST_HEAD = "import { describe, it } from 'vitest';\nimport assert from 'node:assert';";
const NODE_HEAD = "const assert = require('node:assert');\nconst { describe, it } = require('node:test');";

/** mocha and jest read test/, vitest src/, node's runner node/; broken/ and empty/ for the problem kinds. */
export function failingProject(): Record<string, string> {
  return {
    'package.json': JSON.stringify(
      {
        name: 'healing-runner-fixture',
        private: true,
        scripts: {
          'test:node': 'node --test node/',
          'test:mocha': 'mocha test/',
          'test:jest': 'jest test/',
          'test:vitest': 'vitest run src',
          'lint-then-mocha': 'node -e "" && mocha test/',
          'missing-bin': 'mocha-not-installed test/',
          'missing-dep': 'mocha broken/',
          'no-tests': 'mocha empty/',
        },
        devDependencies: { jest: '^30.0.0', mocha: '^12.0.0', vitest: '^4.0.0' },
      },
      null,
      2,
    ),
    ...prefixed('test', suites(CJS_ASSERT)),
    ...prefixed('src', suites(VITEST_HEAD)),
    ...prefixed('node', suites(NODE_HEAD)),
    'broken/missing.test.js': "require('left-pad-not-installed');\nit('never runs', () => {});\n",
    'empty/.keep': '',
  };
}

/** The same suites, all green, with scripts that pass paths (the acceptance case). */
export function greenProject(): Record<string, string> {
  return {
    'package.json': JSON.stringify({
      name: 'healing-green-fixture',
      private: true,
      scripts: {
        test: 'node --test test/',
        'test:mocha': 'mocha mocha/',
        'test:vitest': 'vitest run src',
        'test-then-fail': 'node --test test/ && node -e "process.exit(3)"',
      },
    }),
    ...prefixed('test', suites(NODE_HEAD, 'describe', 'it', false)),
    ...prefixed('mocha', suites(CJS_ASSERT, 'describe', 'it', false)),
    ...prefixed('src', suites(VITEST_HEAD, 'describe', 'it', false)),
  };
}
