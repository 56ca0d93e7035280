import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@healing/adapters';
import { commitToBranch } from './commit-to-branch.js';
import { createGitRepository } from './git/git-repository.js';
import { gitText, runGitCommand } from './git/run-git.js';
import { OTHER_USER } from './json/user-json.js';
import { createIdSequence, isoNow, type RepoState } from './state.js';
import type { RepositorySpec } from './types.js';

const NAME = /^[A-Za-z0-9_.-]+$/;

/** Creates each bare repository (cloned from its seed, or with one README commit) and its state. */
export async function createRepositories(
  specs: readonly RepositorySpec[],
  dataDir: string,
  nextId: () => number,
  now: () => number,
): Promise<Map<string, RepoState>> {
  const repos = new Map<string, RepoState>();
  const ownerIds = new Map<string, number>();
  const ownerIdSequence = createIdSequence(5000);
  for (const spec of specs) {
    if (!NAME.test(spec.owner) || !NAME.test(spec.name)) {
      throw new ConfigError(
        `repository ${spec.owner}/${spec.name}: owner and name may hold only letters, digits, '.', '_' and '-'`,
      );
    }
    const key = `${spec.owner}/${spec.name}`.toLowerCase();
    if (repos.has(key))
      throw new ConfigError(`repository ${spec.owner}/${spec.name} is listed twice; list each once`);
    const gitDir = join(dataDir, 'repos', spec.owner, `${spec.name}.git`);
    const scratchDir = join(dataDir, 'scratch');
    await mkdir(scratchDir, { recursive: true });
    let defaultBranch = spec.defaultBranch;
    if (spec.seedFrom !== undefined) {
      await runGitCommand(['clone', '--bare', '--quiet', '--', spec.seedFrom, gitDir]).catch(
        (error: unknown) => {
          throw new ConfigError(
            `repository ${key}: cannot clone seedFrom ${spec.seedFrom}; pass the path of a git repository`,
            {
              cause: error,
            },
          );
        },
      );
      defaultBranch ??= (await gitText(gitDir, ['symbolic-ref', '--short', 'HEAD'])) || 'main';
    } else {
      defaultBranch ??= 'main';
      await mkdir(gitDir, { recursive: true });
      await runGitCommand(['init', '--bare', '--quiet', gitDir]);
    }
    await gitText(gitDir, ['symbolic-ref', 'HEAD', `refs/heads/${defaultBranch}`]);
    const ownerId = ownerIds.get(spec.owner) ?? ownerIdSequence();
    ownerIds.set(spec.owner, ownerId);
    const createdAt = isoNow(now);
    const repo: RepoState = {
      owner: spec.owner,
      name: spec.name,
      id: nextId(),
      ownerId,
      git: createGitRepository(gitDir, scratchDir),
      defaultBranch,
      createdAt,
      pushedAt: createdAt,
      pulls: [],
      comments: [],
      nextIssueNumber: 1,
      runs: [],
      workflowIds: new Map(),
    };
    if (spec.seedFrom === undefined) {
      const readme = await repo.git.writeBlob(Buffer.from(`# ${spec.name}\n`));
      await commitToBranch(repo, {
        branch: defaultBranch,
        changes: [{ path: 'README.md', mode: '100644', type: 'blob', sha: readme }],
        message: 'Initial commit',
        user: OTHER_USER,
        date: createdAt,
        expectedHead: null,
      });
    }
    repos.set(key, repo);
  }
  return repos;
}
