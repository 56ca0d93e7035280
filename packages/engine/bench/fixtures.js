// Fixture repositories for the engine benchmark: real git repositories in temp directories
// with a small JUnit-writing test runner, as in the end-to-end tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const RUNNER = `import { readdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cases = [];
let pending = [];
globalThis.test = (name, fn) => pending.push({ name, fn });
globalThis.assertEqual = (actual, expected) => {
  if (actual !== expected) throw new Error('expected ' + JSON.stringify(actual) + ' to be ' + JSON.stringify(expected));
};
for (const name of readdirSync('test').filter((n) => n.endsWith('.test.mjs')).sort()) {
  pending = [];
  await import(pathToFileURL('test/' + name).href);
  for (const { name: testName, fn } of pending) {
    try { await fn(); cases.push({ file: 'test/' + name, name: testName }); }
    catch (error) { cases.push({ file: 'test/' + name, name: testName, error }); }
  }
}
const body = cases.map((c) => '<testcase file="' + escape(c.file) + '" name="' + escape(c.name) + '">' +
  (c.error ? '<failure message="' + escape(c.error.message) + '">' + escape(c.error.stack) + '</failure>' : '') + '</testcase>').join('');
writeFileSync('report.xml', '<?xml version="1.0"?><testsuites><testsuite name="bench">' + body + '</testsuite></testsuites>');
process.exit(cases.some((c) => c.error) ? 1 : 0);
`;

export const SUM = 'export function sum(a, b) {\n  return a + b;\n}\n';
export const BROKEN_SUM = 'export function sum(a, b) {\n  return a - b;\n}\n';
export const BASE_FILES = {
  'run-tests.mjs': RUNNER,
  '.gitignore': 'report.xml\n',
  'src/sum.mjs': SUM,
  'src/mul.mjs': 'export function mul(a, b) {\n  return a * b;\n}\n',
  'test/sum.test.mjs':
    "import { sum } from '../src/sum.mjs';\ntest('adds', () => assertEqual(sum(1, 2), 3));\n",
  'test/mul.test.mjs':
    "import { mul } from '../src/mul.mjs';\ntest('multiplies', () => assertEqual(mul(2, 3), 6));\n",
};

export function createRepo(files) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'heal-bench-')));
  const git = (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Bench');
  git('config', 'user.email', 'bench@example.com');
  git('config', 'commit.gpgsign', 'false');
  const commit = (message, changed) => {
    for (const [path, content] of Object.entries(changed)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    git('add', '-A');
    git('commit', '-q', '--no-verify', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  commit('initial', { ...BASE_FILES, ...files });
  return { dir, git, commit, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
