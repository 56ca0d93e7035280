import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNPM_COMMAND } from '@healing/test-projects';

/** PATH with a `pnpm` on it, as a contributor of a pnpm monorepo has (here: npx at a pinned version). */
export function pnpmOnPath(): Record<string, string> {
  const bin = join(tmpdir(), `heal-pnpm-bin-${process.pid}`);
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'pnpm'), `#!/bin/sh\nexec ${PNPM_COMMAND.join(' ')} "$@"\n`, { mode: 0o755 });
  return { PATH: `${bin}:${process.env.PATH ?? ''}` };
}
