import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { actionsWorkflowTemplate, detectActionsToolchain } from '@healing/github';

const GIT_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: tmpdir(),
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.invalid',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

const CALC = (add: string): string => `'use strict';

const add = (a, b) => ${add};
const sum = (values) => values.reduce(add, 0);
const mean = (values) => sum(values) / values.length;
const multiply = (a, b) => a * b;

module.exports = { add, sum, mean, multiply };
`;

const CALC_TEST = `'use strict';
const assert = require('node:assert/strict');
const { add, sum, mean, multiply } = require('../src/calc');

describe('calc', () => {
  it('adds two numbers', () => assert.equal(add(2, 3), 5));
  it('sums a list', () => assert.equal(sum([1, 2, 3]), 6));
  it('averages a list', () => assert.equal(mean([2, 4]), 3));
  it('multiplies', () => assert.equal(multiply(3, 4), 12));
});
`;

export interface MochaProject {
  readonly dir: string;
  /** The commit that breaks `add`, in the middle of the history. */
  readonly culprit: string;
  /** Every commit, oldest first. */
  readonly shas: readonly string[];
}

/**
 * A real mocha project as contributors keep it: mocha from the npm registry as a dev
 * dependency, package-lock.json committed, node_modules ignored, no heal config, and the
 * heal-run workflow generated from its files. `commits` commits, the middle one breaking `add`
 * (three tests fail). With `lockfile: 'out-of-sync'` package.json gains a dependency the
 * lockfile lacks, so `npm ci` refuses to install.
 */
export async function mochaProject(
  options: { readonly commits?: number; readonly lockfile?: 'real' | 'out-of-sync' } = {},
): Promise<MochaProject> {
  const dir = mkdtempSync(join(tmpdir(), 'heal-mocha-'));
  const git = (args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env: GIT_ENV }).toString().trim();
  const write = (files: Record<string, string>): void => {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
  };
  const commit = (files: Record<string, string>, message: string): string => {
    write(files);
    git(['add', '-A']);
    git(['commit', '-q', '-m', message]);
    return git(['rev-parse', 'HEAD']);
  };
  git(['init', '-q', '-b', 'main']);
  const manifest = {
    name: 'calc',
    version: '1.0.0',
    private: true,
    scripts: { test: 'mocha' },
    devDependencies: { mocha: '11.7.5' },
  };
  write({
    'package.json': `${JSON.stringify(manifest, null, 2)}\n`,
    '.gitignore': 'node_modules/\n',
    '.nvmrc': `${process.versions.node.split('.')[0]}\n`,
    'src/calc.js': CALC('a + b'),
    'test/calc.test.js': CALC_TEST,
    'CHANGELOG.md': '# Changelog\n',
  });
  // A real lockfile, resolved from the npm registry (no install).
  execFileSync('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    env: { ...process.env, npm_config_update_notifier: 'false' },
    stdio: 'pipe',
  });
  if (options.lockfile === 'out-of-sync') {
    // A dependency added to package.json without updating the lockfile: npm ci refuses it.
    const withChai = { ...manifest, devDependencies: { ...manifest.devDependencies, chai: '^5.0.0' } };
    write({ 'package.json': `${JSON.stringify(withChai, null, 2)}\n` });
  }
  const read = async (path: string): Promise<string | null> =>
    existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : null;
  write({
    '.github/workflows/heal-run.yml': await actionsWorkflowTemplate(await detectActionsToolchain(read)),
  });
  const shas = [commit({}, 'calc with mocha tests')];
  const total = options.commits ?? 30;
  const middle = Math.floor(total / 2);
  let culprit = '';
  let changelog = '# Changelog\n';
  for (let index = 2; index <= total; index += 1) {
    if (index === middle) {
      culprit = commit({ 'src/calc.js': CALC('a + b + (a > 0 && b > 0 ? 1 : 0)') }, 'Tidy up add');
      shas.push(culprit);
      continue;
    }
    changelog += `- change ${index}\n`;
    shas.push(
      commit({ 'CHANGELOG.md': changelog, [`docs/note-${index}.md`]: `note ${index}\n` }, `Note ${index}`),
    );
  }
  return { dir, culprit, shas };
}
