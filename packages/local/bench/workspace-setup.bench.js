// Workspace dependency setup: what a workspace pays before its first command, against
// `npm ci --prefer-offline` in a fresh worktree (what it would pay without linking), measured
// in the same run on the same project (mocha + vitest from the registry, about 100 packages).
// Prints a table and writes bench-results/workspace-setup.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createWorktreeWorkspaces } from '../dist/index.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const root = mkdtempSync(join(tmpdir(), 'healing-setup-bench-'));
const checkout = join(root, 'checkout');
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
};
const run = (cwd, command, ...args) =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: 'pipe' });
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function fixture() {
  mkdirSync(checkout);
  run(checkout, 'git', 'init', '--quiet', '--initial-branch=main');
  writeFileSync(join(checkout, '.gitignore'), 'node_modules\n');
  writeFileSync(
    join(checkout, 'package.json'),
    `${JSON.stringify({ name: 'bench', private: true }, null, 2)}\n`,
  );
  run(checkout, 'npm', 'install', '--no-audit', '--no-fund', '--save-dev', 'mocha@10', 'vitest@3');
  run(checkout, 'git', 'add', '-A');
  run(checkout, 'git', 'commit', '--quiet', '-m', 'deps');
  // A commit that changes the dependency files, on a branch: workspaces there must install.
  run(checkout, 'git', 'switch', '--quiet', '-c', 'bump');
  run(checkout, 'npm', 'install', '--package-lock-only', '--no-audit', '--no-fund', 'is-odd@3');
  run(checkout, 'git', 'commit', '--quiet', '-am', 'bump');
  run(checkout, 'git', 'switch', '--quiet', 'main');
}

/** The baseline: a fresh worktree installing for itself. */
function npmCiInFreshWorktree() {
  const dir = join(root, `baseline-${Math.random().toString(36).slice(2)}`);
  run(checkout, 'git', 'worktree', 'add', '--quiet', '--detach', dir, 'bump');
  const started = performance.now();
  run(dir, 'npm', 'ci', '--prefer-offline', '--no-audit', '--no-fund');
  const ms = performance.now() - started;
  run(checkout, 'git', 'worktree', 'remove', '--force', dir);
  return ms;
}

async function prepareTimes(provider, revision, rounds) {
  const times = [];
  const modes = new Set();
  for (let round = 0; round < rounds; round += 1) {
    const workspace = await provider.create({ revision });
    const setup = await workspace.prepare();
    if (setup.failure) throw new Error(setup.failure);
    times.push(setup.durationMs);
    modes.add(setup.mode);
    await workspace.dispose();
  }
  return { ms: median(times), modes: [...modes].join(', ') };
}

fixture();
try {
  const baseline = Math.min(npmCiInFreshWorktree(), npmCiInFreshWorktree());
  const provider = createWorktreeWorkspaces({
    repoDir: checkout,
    setup: { command: 'npm ci --prefer-offline --no-audit --no-fund', timeoutMs: 600_000 },
    dependencyCacheDir: join(root, 'deps'),
  });
  const linked = await prepareTimes(provider, 'main', ROUNDS);
  const installed = await prepareTimes(provider, 'bump', 1);
  const cached = await prepareTimes(provider, 'bump', ROUNDS);
  const rows = [
    { step: 'npm ci --prefer-offline in a fresh worktree (baseline)', mode: '-', ms: baseline },
    { step: 'prepare, same lockfile as the checkout', mode: linked.modes, ms: linked.ms },
    { step: 'prepare, changed lockfile, first workspace', mode: installed.modes, ms: installed.ms },
    { step: 'prepare, changed lockfile, later workspaces', mode: cached.modes, ms: cached.ms },
  ].map((row) => ({ ...row, ms: Math.round(row.ms), ratio: Number((row.ms / baseline).toFixed(3)) }));
  console.log('| step | mode | ms | x npm ci |\n| --- | --- | ---: | ---: |');
  for (const row of rows) console.log(`| ${row.step} | ${row.mode} | ${row.ms} | ${row.ratio} |`);
  mkdirSync(new URL('../bench-results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL('../bench-results/workspace-setup.json', import.meta.url),
    `${JSON.stringify({ rounds: ROUNDS, rows }, null, 2)}\n`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
