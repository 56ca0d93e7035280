import { ConfigError } from '@healing/adapters';
import type { GitHubClient } from '@healing/github';
import {
  CONFIG_FILE_NAMES,
  manifestConfigOf,
  parseConfigText,
  type RawConfig,
} from '../config/find-config-file.js';

/** The repository's heal config at `ref`, read through the contents API (no clone). */
export async function readRemoteConfig(
  octokit: GitHubClient,
  coordinates: { readonly owner: string; readonly repo: string },
  ref: string,
): Promise<RawConfig> {
  const found: Array<{ source: string; value: Record<string, unknown> }> = [];
  for (const name of CONFIG_FILE_NAMES) {
    const text = await readText(octokit, coordinates, name, ref);
    if (text !== null) found.push({ source: name, value: await parseConfigText(text, name) });
  }
  const manifest = await readText(octokit, coordinates, 'package.json', ref);
  const fromManifest = manifest === null ? null : manifestConfigOf(manifest);
  if (fromManifest) found.push({ source: 'package.json#heal', value: fromManifest });
  if (found.length > 1) {
    throw new ConfigError(
      `found more than one heal config (${found.map((entry) => entry.source).join(', ')}): keep one of them`,
    );
  }
  return found[0] ?? { source: null, value: {} };
}

async function readText(
  octokit: GitHubClient,
  coordinates: { readonly owner: string; readonly repo: string },
  path: string,
  ref: string,
): Promise<string | null> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...coordinates, path, ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}
