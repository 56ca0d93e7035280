#!/usr/bin/env node
// The built entry of the `heal` command; the code lives in ../dist (built from ../src).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'heal: the CLI is not built yet. Run `npx --yes pnpm@12 install && npx --yes pnpm@12 build` in the healing checkout.\n',
  );
  process.exit(3);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
