import { HealingError } from '@healing/adapters';

/** Imports an optional heavy dependency on first use, with an install hint when it is missing. */
export async function loadModule<T>(name: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new HealingError(
      'DEPENDENCY_MISSING',
      `${name} could not be loaded: install it next to @healing/github (pnpm add ${name})`,
      { cause: error, details: { module: name } },
    );
  }
}
