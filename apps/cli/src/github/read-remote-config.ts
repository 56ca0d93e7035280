import { type RawHealConfig, readRawHealConfig } from '@healing/engine';
import type { GitHubClient } from '@healing/github';

/** The repository's heal config at `ref`, read through the contents API (no clone). */
export function readRemoteConfig(
  octokit: GitHubClient,
  coordinates: { readonly owner: string; readonly repo: string },
  ref: string,
): Promise<RawHealConfig> {
  return readRawHealConfig(async (path) => {
    try {
      const { data } = await octokit.rest.repos.getContent({ ...coordinates, path, ref });
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
      return Buffer.from(data.content, 'base64').toString('utf8');
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  });
}
