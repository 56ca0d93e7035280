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
// The first Ctrl-C (or SIGTERM) stops a heal cleanly: commands and Actions runs are cancelled,
// workspaces removed, nothing delivered. A second one quits at once.
const interrupt = new AbortController();
const onSignal = () => {
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write('heal: stopping (press Ctrl-C again to quit at once)\n');
  interrupt.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: interrupt.signal,
});
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
