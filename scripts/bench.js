#!/usr/bin/env node
// `pnpm bench [area...]`: builds, then runs the `bench` script of each named package
// (patch, local, github, engine, cli, ...), or of every package that has one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const areas = process.argv.slice(2);
const packages = ['packages', 'apps'].flatMap((group) =>
  existsSync(join(root, group))
    ? readdirSync(join(root, group)).map((name) => ({ name, dir: join(root, group, name) }))
    : [],
);
const withBench = packages.filter(({ dir }) => {
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath)) return false;
  return Boolean(JSON.parse(readFileSync(manifestPath, 'utf8')).scripts?.bench);
});
const unknown = areas.filter((area) => !withBench.some(({ name }) => name === area));
if (unknown.length > 0) {
  console.error(
    `bench: no benchmark for ${unknown.join(', ')}; known: ${withBench.map(({ name }) => name).join(', ')}`,
  );
  process.exit(2);
}
const selected = areas.length === 0 ? withBench : withBench.filter(({ name }) => areas.includes(name));
const build = spawnSync('pnpm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
let failed = 0;
for (const { name, dir } of selected) {
  console.log(`\n== bench ${name} ==`);
  const result = spawnSync('pnpm', ['run', 'bench'], { cwd: dir, stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
