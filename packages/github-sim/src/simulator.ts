import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HealingError } from '@healing/adapters';
import { commitToBranch } from './commit-to-branch.js';
import type { SimulatorCore } from './context.js';
import { createRepositories } from './create-repositories.js';
import { createFaultRegistry } from './faults/fault-registry.js';
import type { TreeChange } from './git/git-repository.js';
import { createRequestHandler } from './http/handle-request.js';
import { createRateLimiter } from './http/rate-limit.js';
import { OTHER_USER, type SimUser } from './json/user-json.js';
import { branchHead } from './resolve-ref.js';
import { globalRoutes, repoRoutes } from './routes/all-routes.js';
import { createIdSequence, isoNow, type RepoState } from './state.js';
import type { GitHubSimulator, GitHubSimulatorOptions, RequestLogEntry } from './types.js';

export type BranchMovedListener = (
  repo: RepoState,
  ref: string,
  before: string | null,
  after: string | null,
  pusher: SimUser,
) => void;

/** Starts the simulator on 127.0.0.1 with its repositories created; resolves once it is listening. */
export async function startGitHubSimulator(options: GitHubSimulatorOptions): Promise<GitHubSimulator> {
  const now = () => Date.now();
  const nextId = createIdSequence();
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'github-sim-')));
  const repos = await createRepositories(options.repositories, dataDir, nextId, now).catch(
    async (error: unknown) => {
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
      throw error;
    },
  );
  const branchListeners: BranchMovedListener[] = [];
  let baseUrl = 'http://127.0.0.1';
  const core: SimulatorCore = {
    base: () => baseUrl,
    now,
    nextId,
    findRepo: (owner, name) => repos.get(`${owner}/${name}`.toLowerCase()),
    treeLimits: {
      maxEntries: options.treeLimits?.maxEntries ?? 100_000,
      maxBytes: options.treeLimits?.maxBytes ?? 7 * 1024 * 1024,
    },
    rateLimiter: createRateLimiter(now),
    branchMoved(repo, ref, before, after, pusher) {
      for (const listener of branchListeners) listener(repo, ref, before, after, pusher);
    },
  };

  function requireRepo(owner: string, name: string): RepoState {
    const repo = core.findRepo(owner, name);
    if (!repo)
      throw new HealingError(
        'NOT_FOUND',
        `repository ${owner}/${name} is not simulated; add it to repositories`,
      );
    return repo;
  }

  async function push(
    owner: string,
    name: string,
    branch: string,
    files: Readonly<Record<string, string | null>>,
    message = 'Update from another user',
  ): Promise<string> {
    const repo = requireRepo(owner, name);
    const changes: TreeChange[] = [];
    for (const [path, content] of Object.entries(files)) {
      if (content === null) changes.push({ path, sha: null });
      else
        changes.push({
          path,
          mode: '100644',
          type: 'blob',
          sha: await repo.git.writeBlob(Buffer.from(content, 'utf8')),
        });
    }
    const result = await commitToBranch(repo, {
      branch,
      changes,
      message,
      user: OTHER_USER,
      date: isoNow(now),
      parentIfMissing: await branchHead(repo, repo.defaultBranch),
    });
    core.branchMoved(repo, `refs/heads/${branch}`, result.before, result.sha, OTHER_USER);
    return result.sha;
  }

  const faults = createFaultRegistry();
  const log: RequestLogEntry[] = [];
  let concurrentPushes = 0;
  const handler = createRequestHandler({
    core,
    repoRoutes,
    globalRoutes,
    faults,
    token: options.token,
    log,
    async pushForFault(owner, name, fault) {
      concurrentPushes += 1;
      const repo = requireRepo(owner, name);
      const files = fault.files ?? {
        [`concurrent-push-${concurrentPushes}.txt`]: `concurrent change ${concurrentPushes}\n`,
      };
      await push(
        owner,
        name,
        fault.branch ?? repo.defaultBranch,
        files,
        fault.message ?? 'Concurrent change',
      );
    },
  });
  const server = createServer((request, response) => {
    void handler(request, response);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    get url() {
      return baseUrl;
    },
    requests: log,
    repositoryPath: (owner, name) => requireRepo(owner, name).git.gitDir,
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    push,
    runs: (owner, name) => requireRepo(owner, name).runs,
    async waitForRun() {
      throw new HealingError('UNSUPPORTED', 'Actions are not emulated yet');
    },
    deliveries: () => [],
    async redeliver() {
      throw new HealingError('UNSUPPORTED', 'webhooks are not emulated yet');
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const repo of repos.values()) repo.git.close();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
