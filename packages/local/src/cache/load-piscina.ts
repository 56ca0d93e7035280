import { HealingError } from '@healing/adapters';
import type { Piscina } from 'piscina';

export const INSTALL_HINT =
  'run `pnpm add piscina better-sqlite3@^12` in the project that uses @healing/local (better-sqlite3 compiles natively; on Node 20 keep it below 13)';

/** piscina is loaded on first use, so storage users never pay for it. */
export async function loadPiscina(): Promise<typeof Piscina> {
  try {
    const module = await import('piscina');
    return module.Piscina;
  } catch (error) {
    throw new HealingError(
      'DEPENDENCY_MISSING',
      `the SQLite cache needs piscina, which is missing: ${INSTALL_HINT}`,
      {
        cause: error,
      },
    );
  }
}
