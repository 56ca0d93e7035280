import { unzipSync } from 'fflate';
import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { toGitHubError } from '../errors/github-request-error.js';

/** The files the workflow uploaded, by name, or null when the run uploaded no artifact of that name. */
export async function readRunArtifact(
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  runId: number,
  name: string,
): Promise<Map<string, Uint8Array> | null> {
  try {
    const { data } = await octokit.rest.actions.listWorkflowRunArtifacts({
      ...coordinates,
      run_id: runId,
      name,
      per_page: 10,
    });
    const artifact = data.artifacts.find((candidate) => candidate.name === name && !candidate.expired);
    if (!artifact) return null;
    const download = await octokit.rest.actions.downloadArtifact({
      ...coordinates,
      artifact_id: artifact.id,
      archive_format: 'zip',
    });
    const bytes = new Uint8Array(download.data as ArrayBuffer);
    return new Map(Object.entries(unzipSync(bytes)));
  } catch (error) {
    throw toGitHubError(error, `reading artifact ${name} of Actions run ${runId}`);
  }
}

export function fileText(files: ReadonlyMap<string, Uint8Array> | null, name: string): string | null {
  if (!files) return null;
  for (const [path, content] of files) {
    if (path === name || path.endsWith(`/${name}`)) return new TextDecoder().decode(content);
  }
  return null;
}
