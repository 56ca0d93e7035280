import { ConfigError, HealingError } from '@healing/adapters';
import {
  detectSetupCommand,
  detectTestCommand,
  type HealConfig,
  mergeHealConfig,
  parseHealConfig,
} from '@healing/engine';
import { checkoutFiles } from './checkout-files.js';
import { readRawConfig } from './find-config-file.js';

export interface LoadedConfig {
  readonly config: HealConfig;
  /** The config file used, or null when everything came from detection and flags. */
  readonly source: string | null;
  /** How the test command was found. */
  readonly testCommandFrom: string;
  /** How the workspace setup command was found, or why there is none. */
  readonly setupFrom: string;
}

export interface LoadConfigOptions {
  readonly dir: string;
  /** Settings from flags; they win over the file. */
  readonly overrides?: Record<string, unknown>;
}

/**
 * Config from the file, then flags; a test command and a setup command detected from the
 * checkout's files where neither names one.
 */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const raw = await readRawConfig(options.dir);
  let merged = mergeHealConfig(raw.value, options.overrides ?? {});
  const files = checkoutFiles(options.dir);
  let testCommandFrom = raw.source ? `${raw.source}: test.command` : 'flags: --test';
  if (merged.test === undefined) {
    const detected = await detectTestCommand(files);
    if (!detected) {
      throw new ConfigError(
        'no test command found: add a "test" script to package.json, or {"test": {"command": "..."}} to heal.config.json, or pass --test "<command>"',
      );
    }
    merged = mergeHealConfig(merged, { test: { command: detected.command } });
    testCommandFrom = detected.reason;
  }
  let setupFrom = raw.source && merged.setup !== undefined ? `${raw.source}: setup` : 'none needed';
  if (merged.setup === false) setupFrom = `${raw.source ?? 'config'}: setup is off`;
  if (merged.setup === undefined) {
    const detected = await detectSetupCommand(files);
    if (detected) {
      merged = mergeHealConfig(merged, { setup: { command: detected.command } });
      setupFrom = detected.reason;
    }
  }
  try {
    return { config: parseHealConfig(merged), source: raw.source, testCommandFrom, setupFrom };
  } catch (error) {
    if (error instanceof HealingError && raw.source) {
      throw new ConfigError(`${raw.source}: ${error.message}`, { cause: error, details: error.details });
    }
    throw error;
  }
}
