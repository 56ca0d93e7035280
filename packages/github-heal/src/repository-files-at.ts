import type { RepositoryFiles } from '@healing/engine';
import type { GitHubClient, RepositoryCoordinates } from '@healing/github';

/** The parts of @healing/github used here, passed in because the package is imported lazily. */
type GitHubModule = Pick<typeof import('@healing/github'), 'readTextAt' | 'toGitHubError'>;

/**
 * One commit's files for config reading and command detection, through the contents API (no
 * clone). Each path is read once: the config reader and detection both read package.json.
 */
export function repositoryFilesAt(
  github: GitHubModule,
  octokit: GitHubClient,
  coordinates: RepositoryCoordinates,
  ref: string,
): RepositoryFiles & { read(path: string): Promise<string | null> } {
  const readText = github.readTextAt(octokit, coordinates, ref);
  const texts = new Map<string, Promise<string | null>>();
  return {
    read(path) {
      let text = texts.get(path);
      if (text === undefined) {
        text = readText(path);
        texts.set(path, text);
      }
      return text;
    },
    async list(directory) {
      try {
        const { data } = await octokit.rest.repos.getContent({ ...coordinates, path: directory, ref });
        return Array.isArray(data) ? data.map((entry) => entry.name) : [];
      } catch (error) {
        if ((error as { status?: number }).status === 404) return [];
        throw github.toGitHubError(
          error,
          `listing ${directory} of ${coordinates.owner}/${coordinates.repo} at ${ref}`,
        );
      }
    },
  };
}
