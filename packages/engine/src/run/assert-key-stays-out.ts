import { ConfigError } from '@healing/adapters';
import type { HealConfig } from '../config/heal-config.js';

/**
 * Refuses a config that would hand the model key to a command the heal runs (test, build,
 * lint or a fixer): those commands run the repository's code, which must never see it.
 */
export function assertKeyStaysOut(config: HealConfig, apiKey: string | undefined): void {
  const keyName = config.strategies.model.apiKeyEnv;
  const commands = [
    ['test', config.test],
    ['build', config.build],
    ['lint', config.lint],
    ...config.strategies.autofix.commands.map(
      (fixer, index) => [`strategies.autofix.commands.${index}`, fixer] as const,
    ),
  ] as const;
  for (const [where, command] of commands) {
    for (const [name, value] of Object.entries(command?.env ?? {})) {
      if (name === keyName || (apiKey !== undefined && apiKey !== '' && value.includes(apiKey))) {
        throw new ConfigError(
          `${where}.env.${name} would pass the model key (${keyName}) to a command the heal runs: remove it; only the engine talks to the model`,
          { secrets: apiKey ? [apiKey] : [] },
        );
      }
    }
  }
}
