import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@healing/adapters';

export const CONFIG_FILE_NAMES = ['heal.config.json', 'heal.config.yaml', 'heal.config.yml'] as const;

export interface RawConfig {
  /** Where the config came from: a file path, `package.json#heal`, or null when there is none. */
  readonly source: string | null;
  readonly value: Record<string, unknown>;
}

/** Reads the one config of a repository: heal.config.{json,yaml,yml} or the "heal" key of package.json. */
export async function readRawConfig(dir: string): Promise<RawConfig> {
  const files = CONFIG_FILE_NAMES.filter((name) => existsSync(join(dir, name)));
  const fromManifest = readManifestConfig(dir);
  const sources = [...files, ...(fromManifest ? ['package.json#heal'] : [])];
  if (sources.length > 1) {
    throw new ConfigError(`found more than one heal config (${sources.join(', ')}): keep one of them`);
  }
  const file = files[0];
  if (file)
    return { source: file, value: await parseConfigText(readFileSync(join(dir, file), 'utf8'), file) };
  if (fromManifest) return { source: 'package.json#heal', value: fromManifest };
  return { source: null, value: {} };
}

/** Parses the text of a config file named `name` (JSON or YAML by its extension). */
export async function parseConfigText(text: string, name: string): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    if (name.endsWith('.json')) value = JSON.parse(text);
    else value = (await import('yaml')).parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(
      `${name} is not valid ${name.endsWith('.json') ? 'JSON' : 'YAML'}: ${reason}; fix the syntax`,
      {
        cause: error,
      },
    );
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(
      `${name} must hold an object of settings (for example {"test": {"command": "npm test"}})`,
    );
  }
  return value as Record<string, unknown>;
}

function readManifestConfig(dir: string): Record<string, unknown> | null {
  const manifestPath = join(dir, 'package.json');
  return existsSync(manifestPath) ? manifestConfigOf(readFileSync(manifestPath, 'utf8')) : null;
}

/** The "heal" key of a package.json's text, or null (also for a package.json that is not JSON). */
export function manifestConfigOf(text: string): Record<string, unknown> | null {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return null;
  }
  const heal = (manifest as { heal?: unknown }).heal;
  if (heal === undefined) return null;
  if (heal === null || typeof heal !== 'object' || Array.isArray(heal)) {
    throw new ConfigError('package.json "heal" must be an object of settings, or be removed');
  }
  return heal as Record<string, unknown>;
}
