import { Worker } from 'node:worker_threads';
import { type GitAdapter, HealingError } from '@healing/adapters';
import type { IsomorphicGitOptions } from './iso-git.js';
import {
  deserializeError,
  type IsoMethod,
  type IsoRequest,
  type IsoResponse,
} from './iso-worker-protocol.js';

/** The compiled worker beside this file: dist/git/iso-worker.js. */
export const ISO_WORKER_URL = new URL('./iso-worker.js', import.meta.url);

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * The GitAdapter on isomorphic-git, so it works where no `git` binary exists. Every call runs
 * in a worker thread: isomorphic-git blocks for seconds on large trees (measured in
 * bench/git.bench.js), and that must not freeze the caller's event loop. The worker is
 * started on first use and does not keep the process alive while idle.
 */
export function createIsomorphicGit(
  options: IsomorphicGitOptions & { readonly idleMs?: number },
): GitAdapter {
  const { idleMs = 30_000, ...adapterOptions } = options;
  let worker: Worker | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const pending = new Map<number, Pending>();
  let nextId = 0;

  const failAll = (error: HealingError): void => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker = undefined;
  };

  function start(): Worker {
    const started = new Worker(ISO_WORKER_URL);
    started.unref();
    started.on('message', (response: IsoResponse) => {
      const call = pending.get(response.id);
      if (call === undefined) return;
      pending.delete(response.id);
      if (pending.size === 0) {
        started.unref();
        // An idle worker is stopped so adapters that are dropped do not leave threads behind.
        idleTimer = setTimeout(() => {
          if (pending.size === 0 && worker === started) {
            worker = undefined;
            void started.terminate();
          }
        }, idleMs);
        idleTimer.unref();
      }
      if (response.ok) call.resolve(response.value);
      else call.reject(deserializeError(response.error));
    });
    started.on('error', (error) => {
      failAll(
        new HealingError(
          'INTERNAL',
          `the isomorphic-git worker for ${options.dir} failed: ${error.message}`,
          { cause: error },
        ),
      );
    });
    started.on('exit', (code) => {
      if (worker === started)
        failAll(
          new HealingError(
            'INTERNAL',
            `the isomorphic-git worker for ${options.dir} exited with code ${code}`,
          ),
        );
    });
    return started;
  }

  const call = <T>(method: IsoMethod, ...args: unknown[]): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (idleTimer !== undefined) clearTimeout(idleTimer);
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.ref(); // an answer is owed: keep the process alive until it comes
      const request: IsoRequest = { id, options: adapterOptions, method, args };
      worker.postMessage(request);
    });

  return {
    name: 'isomorphic-git',
    capabilities: { workingTree: true, push: true, pullRequests: false },
    currentBranch: () => call('currentBranch'),
    headSha: (...args) => call('headSha', ...args),
    listBranches: () => call('listBranches'),
    createBranch: (...args) => call('createBranch', ...args),
    switchBranch: (...args) => call('switchBranch', ...args),
    status: () => call('status'),
    commit: (...args) => call('commit', ...args),
    log: (...args) => call('log', ...args),
    diff: (...args) => call('diff', ...args),
    changedFiles: (...args) => call('changedFiles', ...args),
    applyPatch: (...args) => call('applyPatch', ...args),
    commitPatch: (...args) => call('commitPatch', ...args),
    revert: (...args) => call('revert', ...args),
    revertPatch: (...args) => call('revertPatch', ...args),
    updateRef: (...args) => call('updateRef', ...args),
    push: (...args) => call('push', ...args),
    openPullRequest: (...args) => call('openPullRequest', ...args),
    findPullRequest: (...args) => call('findPullRequest', ...args),
  };
}
