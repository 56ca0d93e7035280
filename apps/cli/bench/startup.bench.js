#!/usr/bin/env node
// Start-up of `heal --help` against `node -e 0`, measured in the same run, interleaved so
// both see the same machine load. Target: heal --help within 3x of node -e 0.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.env.BENCH_ROUNDS ?? 30);
const heal = fileURLToPath(new URL('../bin/heal.js', import.meta.url));
const subjects = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'heal --help': [process.execPath, [heal, '--help']],
  'heal --version': [process.execPath, [heal, '--version']],
};

function timeOnce([program, args]) {
  const started = process.hrtime.bigint();
  const result = spawnSync(program, args, { stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const samples = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
for (const [, subject] of Object.entries(subjects)) timeOnce(subject); // warm the file cache
for (let round = 0; round < rounds; round += 1) {
  for (const [name, subject] of Object.entries(subjects)) samples[name].push(timeOnce(subject));
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const baseline = median(samples['node -e 0']);
const rows = Object.entries(samples).map(([name, values]) => ({
  name,
  medianMs: Number(median(values).toFixed(1)),
  ratio: Number((median(values) / baseline).toFixed(2)),
}));
console.log(`start-up, median of ${rounds} interleaved runs`);
console.log('command'.padEnd(18) + 'median ms'.padStart(10) + 'vs node'.padStart(10));
for (const row of rows)
  console.log(row.name.padEnd(18) + String(row.medianMs).padStart(10) + `${row.ratio}x`.padStart(10));
const target = rows.find((row) => row.name === 'heal --help');
console.log(`target: heal --help within 3x of node -e 0: ${target && target.ratio <= 3 ? 'met' : 'missed'}`);
const out = fileURLToPath(new URL('../bench-results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(
  `${out}startup.json`,
  `${JSON.stringify({ rounds, node: process.versions.node, rows }, null, 2)}\n`,
);
