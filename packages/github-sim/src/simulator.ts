import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HealingError, toHealingError } from '@healing/adapters';
import { createActionsEngine } from './actions/actions-engine.js';
import { startPushRuns } from './actions/start-push-runs.js';
import { createGitHubApp } from './app/github-app.js';
import { installationControls } from './app/installation-controls.js';
import { commitToBranch } from './commit-to-branch.js';
import type { SimulatorCore } from './context.js';
import { createRepositories } from './create-repositories.js';
import { createFaultRegistry } from './faults/fault-registry.js';
import type { TreeChange } from './git/git-repository.js';
import { createRequestHandler } from './http/handle-request.js';
import { createRateLimiter } from './http/rate-limit.js';
import { simpleInstallationJson } from './json/app-json.js';
import { OTHER_USER, type SimUser } from './json/user-json.js';
import { branchHead } from './resolve-ref.js';
import { globalRoutes, repoRoutes } from './routes/all-routes.js';
import { createDownloadRoutes, type DownloadProducer } from './routes/downloads.js';
import { createIdSequence, isoNow, type RepoState } from './state.js';
import type { GitHubSimulator, GitHubSimulatorOptions, RequestLogEntry, WorkflowRunRecord } from './types.js';
import { installationPayload } from './webhooks/installation-payload.js';
import { pushPayload, workflowRunPayload } from './webhooks/payloads.js';
import { createWebhookSender, type WebhookTarget } from './webhooks/webhook-sender.js';

/** Links handed out for logs and artifacts; the oldest are forgotten past this many. */
const MAX_DOWNLOADS = 1000;

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
  let baseUrl = 'http://127.0.0.1';
  let webhookTarget: WebhookTarget | undefined = options.webhook;
  const app = options.app ? createGitHubApp(options.app, { now, nextId }) : undefined;
  const webhooks = createWebhookSender({
    target: () => webhookTarget,
    now,
    hookId: nextId(),
    installationTarget: app ? { type: 'integration', id: app.id } : { type: 'repository' },
  });
  // App webhooks name the installation that reaches the repository, as GitHub's do.
  const sendForRepo = (event: string, repo: RepoState, payload: Record<string, unknown>) => {
    const installation = app?.installationFor(repo.owner, repo.name);
    webhooks.send(
      event,
      installation ? { ...payload, installation: simpleInstallationJson(installation.spec.id) } : payload,
    );
  };
  // Events are built in order on one chain, so a push webhook precedes the runs it starts.
  let events: Promise<void> = Promise.resolve();
  const eventErrors: unknown[] = [];
  const afterEvents = (task: () => Promise<void>) => {
    events = events.then(task).catch((error: unknown) => {
      eventErrors.push(error);
    });
  };

  const actions = createActionsEngine({
    dataDir,
    maxConcurrentRuns: options.actions?.maxConcurrentRuns ?? 2,
    runTimeoutMs: options.actions?.runTimeoutMs ?? 10 * 60_000,
    now,
    nextId,
    baseUrl: () => baseUrl,
    onRunChanged(repo, run, action) {
      if (!webhookTarget) return;
      const snapshot: WorkflowRunRecord = { ...run, jobs: [], artifacts: [] };
      afterEvents(async () =>
        sendForRepo('workflow_run', repo, await workflowRunPayload(baseUrl, repo, snapshot, action)),
      );
    },
  });

  const downloads = new Map<string, DownloadProducer>();
  const core: SimulatorCore = {
    base: () => baseUrl,
    now,
    nextId,
    findRepo: (owner, name) => repos.get(`${owner}/${name}`.toLowerCase()),
    repositories: () => [...repos.values()],
    app,
    treeLimits: {
      maxEntries: options.treeLimits?.maxEntries ?? 100_000,
      maxBytes: options.treeLimits?.maxBytes ?? 7 * 1024 * 1024,
    },
    rateLimiter: createRateLimiter(now, options.rateLimit),
    actions,
    dispatchDelayMs: options.actions?.dispatchDelayMs ?? 0,
    registerDownload(produce) {
      const key = randomUUID();
      downloads.set(key, produce);
      if (downloads.size > MAX_DOWNLOADS) downloads.delete(downloads.keys().next().value ?? '');
      return `${baseUrl}/_downloads/${key}`;
    },
    branchMoved(repo: RepoState, ref: string, before: string | null, after: string | null, pusher: SimUser) {
      afterEvents(async () => {
        if (webhookTarget)
          sendForRepo('push', repo, await pushPayload(baseUrl, repo, ref, before, after, pusher));
        if (after) await startPushRuns(core, repo, ref.slice('refs/heads/'.length), after);
      });
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
    globalRoutes: [...globalRoutes, ...createDownloadRoutes(downloads)],
    faults,
    token: options.token,
    app,
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

  function findRun(owner: string, name: string, runId: number): WorkflowRunRecord {
    const run = requireRepo(owner, name).runs.find((candidate) => candidate.id === runId);
    if (!run) throw new HealingError('NOT_FOUND', `no workflow run ${runId} in ${owner}/${name}`);
    return run;
  }

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
    async waitForRun(owner, name, runId, waitOptions = {}) {
      return actions.waitFor(findRun(owner, name, runId), waitOptions.timeoutMs ?? 60_000);
    },
    async settled() {
      await events;
      await webhooks.idle();
      const [error] = eventErrors.splice(0);
      if (error !== undefined)
        throw toHealingError(error, 'INTERNAL', 'the simulator failed while handling an event');
    },
    deliveries: () => webhooks.deliveries(),
    setWebhook(webhook) {
      webhookTarget = webhook;
    },
    async redeliver(deliveryId) {
      if (!webhookTarget) {
        throw new HealingError(
          'CONFIG_INVALID',
          'no webhook is configured; pass webhook: { url, secret } or call setWebhook',
        );
      }
      await webhooks.redeliver(deliveryId);
    },
    ...installationControls(app, (installation, action) => {
      if (!app || !webhookTarget) return;
      const payload = installationPayload(baseUrl, app, installation, core.repositories(), action);
      afterEvents(async () => webhooks.send('installation', payload));
    }),
    async stop() {
      await actions.stop();
      await events;
      await webhooks.idle();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const repo of repos.values()) repo.git.close();
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
