import { ConfigError, HealingError } from '@healing/adapters';
import { type HealConfig, mergeHealConfig, parseHealConfig } from '@healing/engine';
import { detectTestCommand } from '../detect/detect-test-command.js';
import { readRawConfig } from './find-config-file.js';

export interface LoadedConfig {
  readonly config: HealConfig;
  /** The config file used, or null when everything came from detection and flags. */
  readonly source: string | null;
  /** How the test command was found. */
  readonly testCommandFrom: string;
}

export interface LoadConfigOptions {
  readonly dir: string;
  /** Settings from flags; they win over the file. */
  readonly overrides?: Record<string, unknown>;
  /** Where a detected test command writes its report (outside the repository). */
  readonly reportPath: string;
}

/** Config from the file, then flags, then a detected test command when neither names one. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const raw = await readRawConfig(options.dir);
  let merged = mergeHealConfig(raw.value, options.overrides ?? {});
  let testCommandFrom = raw.source ? `${raw.source}: test.command` : 'flags: --test';
  if (merged.test === undefined) {
    const detected = detectTestCommand(options.dir, options.reportPath);
    if (!detected) {
      throw new ConfigError(
        'no test command found: add a "test" script to package.json, or {"test": {"command": "..."}} to heal.config.json, or pass --test "<command>"',
      );
    }
    merged = mergeHealConfig(merged, {
      test: { command: detected.command, ...(detected.report ? { report: detected.report } : {}) },
    });
    testCommandFrom = detected.reason;
  }
  try {
    return { config: parseHealConfig(merged), source: raw.source, testCommandFrom };
  } catch (error) {
    if (error instanceof HealingError && raw.source) {
      throw new ConfigError(`${raw.source}: ${error.message}`, { cause: error, details: error.details });
    }
    throw error;
  }
}
