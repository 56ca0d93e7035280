#!/usr/bin/env node
// `pnpm test`: builds and tests every package through turbo (cached when nothing changed),
// then prints one closing line for the whole repository: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packageDirs = ['packages', 'apps'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group))
        .sort()
        .map((name) => ({ name: `${group}/${name}`, dir: join(root, group, name) }))
    : [],
);
// Reports come only from this run or from turbo's cache, never from an earlier failed run.
for (const { dir } of packageDirs) rmSync(join(dir, 'test-results'), { recursive: true, force: true });
const binDir = join(root, 'node_modules', '.bin');
// Two test tasks at a time: each suite starts git, node and servers of its own, and more at
// once on a 2-core machine only trades throughput for timeouts.
const turbo = spawnSync(
  join(binDir, 'turbo'),
  ['run', 'test', '--continue', '--concurrency=2', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    // turbo runs each task through pnpm, which must be on PATH.
    env: { ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}`, TURBO_TELEMETRY_DISABLED: '1' },
  },
);
if (turbo.error) {
  console.error(
    `test: could not start turbo (${turbo.error.message}); run \`npx --yes pnpm@12 install\` first`,
  );
}

const rows = [];
for (const { name, dir } of packageDirs) {
  const reportPath = join(dir, 'test-results', 'vitest.json');
  if (!existsSync(reportPath)) continue;
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  rows.push({
    name,
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  });
}
const total = rows.reduce(
  (sum, row) => ({
    passed: sum.passed + row.passed,
    failed: sum.failed + row.failed,
    skipped: sum.skipped + row.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log('\npackage'.padEnd(26) + 'passed'.padStart(8) + 'failed'.padStart(8) + 'skipped'.padStart(9));
for (const row of rows) {
  console.log(
    row.name.padEnd(25) +
      String(row.passed).padStart(8) +
      String(row.failed).padStart(8) +
      String(row.skipped).padStart(9),
  );
}
if (turbo.status !== 0) console.log('turbo: a build or test task failed (see its output above)');
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(turbo.status === 0 && total.failed === 0 ? 0 : 1);
