import { ConfigError } from '@healing/adapters';

export const CONFIG_FILE_NAMES = ['heal.config.json', 'heal.config.yaml', 'heal.config.yml'] as const;

/** Reads a repository file's text, or null when it does not exist (local disk, or the GitHub contents API). */
export type ReadRepositoryText = (path: string) => Promise<string | null>;

export interface RawHealConfig {
  /** Where the config came from: a file name, `package.json#heal`, or null when there is none. */
  readonly source: string | null;
  /** The settings as written, before validation (see parseHealConfig). */
  readonly value: Record<string, unknown>;
}

/**
 * Finds the one heal config of a repository: heal.config.{json,yaml,yml} or the "heal" key
 * of package.json. Two of them is an error, so nobody edits the one that is ignored.
 */
export async function readRawHealConfig(readText: ReadRepositoryText): Promise<RawHealConfig> {
  const found: Array<{ source: string; value: Record<string, unknown> }> = [];
  for (const name of CONFIG_FILE_NAMES) {
    const text = await readText(name);
    if (text !== null) found.push({ source: name, value: await parseConfigText(text, name) });
  }
  const manifest = await readText('package.json');
  const fromManifest = manifest === null ? null : manifestConfigOf(manifest);
  if (fromManifest) found.push({ source: 'package.json#heal', value: fromManifest });
  if (found.length > 1) {
    throw new ConfigError(
      `found more than one heal config (${found.map((entry) => entry.source).join(', ')}): keep one of them`,
    );
  }
  return found[0] ?? { source: null, value: {} };
}

/** Parses the text of a config file named `name` (JSON or YAML by its extension). */
export async function parseConfigText(text: string, name: string): Promise<Record<string, unknown>> {
  const isJson = name.endsWith('.json');
  let value: unknown;
  try {
    value = isJson ? JSON.parse(text) : (await import('yaml')).parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${name} is not valid ${isJson ? 'JSON' : 'YAML'}: ${reason}; fix the syntax`, {
      cause: error,
    });
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(
      `${name} must hold an object of settings (for example {"test": {"command": "npm test"}})`,
    );
  }
  return value as Record<string, unknown>;
}

/** The "heal" key of a package.json's text, or null (also for a package.json that is not JSON). */
function manifestConfigOf(text: string): Record<string, unknown> | null {
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
