#!/usr/bin/env node
// `pnpm bench` in @healing/local: runs every bench/*.bench.js in turn (each prints its own
// table and writes bench-results/<name>.json); fails when any of them fails.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const directory = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(directory)
  .filter((name) => name.endsWith('.bench.js'))
  .filter((name) => only.length === 0 || only.some((wanted) => name.startsWith(wanted)))
  .sort();
if (benches.length === 0) {
  console.error(`bench: nothing matches ${only.join(', ')} in ${directory}`);
  process.exit(2);
}
let failed = 0;
for (const name of benches) {
  console.log(`\n-- ${name} --`);
  const result = spawnSync(process.execPath, [fileURLToPath(new URL(name, import.meta.url))], {
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
