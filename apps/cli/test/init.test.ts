import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionsWorkflowTemplate, detectActionsToolchain } from '@healing/github';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commit, git, runHeal, temp, write } from './helpers.js';

const readConfig = (dir: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(dir, 'heal.config.json'), 'utf8')) as Record<string, unknown>;

/** A mocha project as contributors have it: a lockfile committed, node_modules not. */
const MOCHA_PROJECT = {
  'package.json': JSON.stringify({
    name: 'app',
    scripts: { test: 'mocha' },
    devDependencies: { mocha: '^11.0.0' },
  }),
  'package-lock.json': JSON.stringify({ name: 'app', lockfileVersion: 3, packages: {} }),
  '.nvmrc': '20\n',
  '.gitignore': 'node_modules/\n',
};

describe('heal init (built binary)', () => {
  it('with --github writes the detected test and setup commands, the branch, and a workflow set up for the toolchain', async () => {
    const dir = temp();
    git(dir, ['init', '-q', '-b', 'trunk']);
    commit(dir, MOCHA_PROJECT, 'app');
    const result = await runHeal(dir, ['init', '--github']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readConfig(dir)).toMatchObject({
      test: { command: 'npm test' },
      setup: { command: 'npm ci --prefer-offline --no-audit --no-fund' },
      defaultBranch: 'trunk',
    });
    expect(result.stdout).toContain('tests: npm test (detected: package.json "test" script (mocha)');
    expect(result.stdout).toContain(
      'setup: npm ci --prefer-offline --no-audit --no-fund (detected: package-lock.json',
    );
    expect(result.stdout).toContain('defaultBranch: trunk (the branch you are on');
    const workflow = readFileSync(join(dir, '.github/workflows/heal-run.yml'), 'utf8');
    const toolchain = await detectActionsToolchain(async (path) =>
      existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : null,
    );
    expect(workflow).toBe(await actionsWorkflowTemplate(toolchain));
    const steps = (parse(workflow) as { jobs: { run: { steps: Array<{ uses?: string; with?: unknown }> } } })
      .jobs.run.steps;
    expect(steps.find((step) => step.uses === 'actions/setup-node@v4')?.with).toEqual({
      'node-version-file': '.nvmrc',
      cache: 'npm',
      'cache-dependency-path': 'package-lock.json',
    });
    expect(result.stdout).toContain('sets up Node.js (version from .nvmrc) with npm');
  });

  it("takes the remote's default branch when the clone knows it, and says which it used", async () => {
    const origin = temp();
    git(origin, ['init', '-q', '-b', 'main']);
    commit(origin, MOCHA_PROJECT, 'app');
    const clone = temp();
    git(clone, ['clone', '-q', origin, '.']);
    git(clone, ['switch', '-q', '-c', 'feature']);
    const result = await runHeal(clone, ['init']);
    expect(result.code).toBe(0);
    expect(readConfig(clone).defaultBranch).toBe('main');
    expect(result.stdout).toContain("defaultBranch: main (the remote's default branch, origin/HEAD)");

    // An origin/HEAD left pointing at a branch that is gone (renamed on the remote) is not used.
    git(clone, ['update-ref', 'refs/remotes/origin/master', 'HEAD']);
    git(clone, ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/master']);
    git(clone, ['update-ref', '-d', 'refs/remotes/origin/master']);
    const stale = await runHeal(clone, ['init', '--force']);
    expect(stale.code).toBe(0);
    expect(readConfig(clone).defaultBranch).toBe('feature');
    expect(stale.stdout).toContain('defaultBranch: feature (the branch you are on');
  });

  it('without --github writes the detected test command and leaves the setup to each run', async () => {
    const dir = temp();
    git(dir, ['init', '-q', '-b', 'main']);
    write(dir, MOCHA_PROJECT);
    const result = await runHeal(dir, ['init']);
    expect(result.code).toBe(0);
    const config = readConfig(dir);
    expect(config.test).toEqual({ command: 'npm test' });
    expect(config.setup).toBeUndefined();
    expect(result.stdout).toContain(
      'setup: npm ci --prefer-offline --no-audit --no-fund (detected on each run',
    );
    expect(existsSync(join(dir, '.github/workflows/heal-run.yml'))).toBe(false);
  });

  it('refuses to overwrite a config or a workflow without --force, before writing anything', async () => {
    const dir = temp();
    git(dir, ['init', '-q', '-b', 'main']);
    write(dir, { 'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }) });
    expect((await runHeal(dir, ['init'])).code).toBe(0);
    const again = await runHeal(dir, ['init']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('heal.config.json already exists');

    const other = temp();
    git(other, ['init', '-q', '-b', 'main']);
    write(other, {
      'package.json': JSON.stringify({ scripts: { test: 'vitest run' } }),
      '.github/workflows/heal-run.yml': 'name: mine\n',
    });
    const refused = await runHeal(other, ['init', '--github']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('.github/workflows/heal-run.yml already exists');
    expect(existsSync(join(other, 'heal.config.json'))).toBe(false);

    const forced = await runHeal(dir, ['init', '--force', '--test', 'make check']);
    expect(forced.code).toBe(0);
    expect(readConfig(dir).test).toEqual({ command: 'make check' });
  });

  it('refuses to guess when no test command can be found', async () => {
    const dir = temp();
    git(dir, ['init', '-q']);
    const result = await runHeal(dir, ['init']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--test');
  });
});
