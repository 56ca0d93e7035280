import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ConfigError, HealingError } from '@healing/adapters';
import type { SqliteFailure } from '../cache/protocol.js';
import { createSqlitePool, type SqlitePool } from '../cache/sqlite-pool.js';
import type { EnqueueOutcome, JobRow, JobState } from './job-queue-operations.js';

export interface SqliteJobQueueOptions {
  /** The database file; created (with its directory) on first use. */
  readonly path: string;
  readonly now?: () => number;
}

export interface EnqueueRequest {
  /** The id of the delivery that announced the work (e.g. X-GitHub-Delivery); remembered for de-duplication. */
  readonly deliveryId?: string;
  /** Jobs with the same key are one job. Omit to record only the delivery. */
  readonly key?: string;
  /** Leases are capped per partition (for the worker: per repository). */
  readonly partition?: string;
  readonly payload?: unknown;
}

export interface LeasedJob<T = unknown> extends Omit<JobRow, 'payload' | 'result'> {
  readonly payload: T;
}

export interface SqliteJobQueue {
  enqueue(request: EnqueueRequest): Promise<EnqueueOutcome>;
  /** The next due job (or one whose lease expired) for `owner`, or null; at most `perPartition` leases per partition. */
  lease<T = unknown>(options: {
    readonly owner: string;
    readonly leaseMs: number;
    readonly perPartition?: number;
  }): Promise<LeasedJob<T> | null>;
  renew(jobId: number, owner: string, leaseMs: number): Promise<boolean>;
  complete(jobId: number, owner: string, result?: unknown): Promise<boolean>;
  /** Retries at `retryAt` (epoch ms), or gives up for good when it is null. */
  fail(jobId: number, owner: string, error: string, retryAt: number | null): Promise<boolean>;
  /**
   * Hands a leased job back untouched (graceful shutdown, or a check that could not be made
   * yet): it does not count as an attempt. With `runAfter` (epoch ms) it waits until then.
   */
  release(jobId: number, owner: string, options?: { readonly runAfter?: number }): Promise<boolean>;
  get(jobId: number): Promise<(JobRow & { readonly payloadValue: unknown }) | null>;
  counts(): Promise<Record<JobState, number>>;
  /** Jobs of a partition that were started since `since` (epoch ms): for daily budgets. */
  startedSince(partition: string, since: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * A durable job queue on SQLite, every statement on a piscina worker (the event loop stays
 * free). Several processes may share the file: leases are taken in write transactions.
 */
export function createSqliteJobQueue(options: SqliteJobQueueOptions): SqliteJobQueue {
  if (typeof options?.path !== 'string' || options.path === '') {
    throw new ConfigError('createSqliteJobQueue needs a file: pass { path: "/path/to/queue.sqlite" }');
  }
  const file = resolve(options.path);
  const now = options.now ?? Date.now;
  let pool: Promise<SqlitePool> | undefined;
  let isClosed = false;
  const pending = new Set<Promise<unknown>>();

  const call = (name: string, args: readonly unknown[], isWrite = true): Promise<unknown> => {
    if (isClosed)
      return Promise.reject(new HealingError('CACHE_CLOSED', `the job queue at ${file} is closed`));
    pool ??= mkdir(dirname(file), { recursive: true }).then(() => createSqlitePool(1));
    const started = pool
      .then((running) =>
        running.run({ file, operationSet: 'job-queue', isWrite, operations: [{ name, args }] }),
      )
      .then((outcome) => {
        if (!outcome.ok) throw queueFailure(file, outcome.failure);
        return outcome.results[0];
      });
    pending.add(started);
    const forget = (): void => {
      pending.delete(started);
    };
    started.then(forget, forget);
    return started;
  };

  // Deliveries arrive in bursts: the enqueues of one tick share one write transaction, so a
  // burst costs a few transactions instead of one each.
  let pendingEnqueues: Array<{
    readonly args: readonly unknown[];
    readonly resolve: (outcome: EnqueueOutcome) => void;
    readonly reject: (error: unknown) => void;
  }> = [];
  const flushEnqueues = (): void => {
    const batch = pendingEnqueues;
    pendingEnqueues = [];
    pool ??= mkdir(dirname(file), { recursive: true }).then(() => createSqlitePool(1));
    const started = pool
      .then((running) =>
        running.run({
          file,
          operationSet: 'job-queue',
          isWrite: true,
          operations: batch.map((entry) => ({ name: 'enqueue', args: entry.args })),
        }),
      )
      .then((outcome) => {
        if (!outcome.ok) throw queueFailure(file, outcome.failure);
        for (const [index, entry] of batch.entries()) entry.resolve(outcome.results[index] as EnqueueOutcome);
      })
      .catch((error: unknown) => {
        for (const entry of batch) entry.reject(error);
      });
    pending.add(started);
    const forget = (): void => {
      pending.delete(started);
    };
    started.then(forget, forget);
  };

  return {
    enqueue(request) {
      if (isClosed)
        return Promise.reject(new HealingError('CACHE_CLOSED', `the job queue at ${file} is closed`));
      const args = [
        request.deliveryId ?? null,
        request.key ?? null,
        request.partition ?? '',
        JSON.stringify(request.payload ?? null),
        now(),
      ];
      return new Promise<EnqueueOutcome>((resolve, reject) => {
        if (pendingEnqueues.length === 0) setImmediate(flushEnqueues);
        pendingEnqueues.push({ args, resolve, reject });
      });
    },
    async lease<T>(leaseOptions: {
      readonly owner: string;
      readonly leaseMs: number;
      readonly perPartition?: number;
    }) {
      const row = (await call('lease', [
        leaseOptions.owner,
        now(),
        leaseOptions.leaseMs,
        leaseOptions.perPartition ?? 1,
      ])) as JobRow | null;
      if (!row) return null;
      const { payload, result: _result, ...rest } = row;
      return { ...rest, payload: JSON.parse(payload) as T };
    },
    renew: async (jobId, owner, leaseMs) => (await call('renew', [jobId, owner, now(), leaseMs])) as boolean,
    complete: async (jobId, owner, result) =>
      (await call('complete', [
        jobId,
        owner,
        now(),
        result === undefined ? null : JSON.stringify(result),
      ])) as boolean,
    fail: async (jobId, owner, error, retryAt) =>
      (await call('fail', [jobId, owner, now(), error, retryAt])) as boolean,
    release: async (jobId, owner, releaseOptions) =>
      (await call('release', [jobId, owner, now(), releaseOptions?.runAfter ?? null])) as boolean,
    async get(jobId) {
      const row = (await call('get', [jobId], false)) as JobRow | null;
      return row ? { ...row, payloadValue: JSON.parse(row.payload) as unknown } : null;
    },
    counts: async () => (await call('counts', [], false)) as Record<JobState, number>,
    startedSince: async (partition, since) =>
      (await call('startedSince', [partition, since], false)) as number,
    async close() {
      if (isClosed) return;
      isClosed = true;
      if (pendingEnqueues.length > 0) flushEnqueues();
      await Promise.allSettled([...pending]);
      if (pool)
        await pool.then(
          (running) => running.close(),
          () => {},
        );
    },
  };
}

function queueFailure(file: string, failure: SqliteFailure): HealingError {
  const details = { path: file, ...(failure.sqliteCode ? { sqliteCode: failure.sqliteCode } : {}) };
  switch (failure.kind) {
    case 'corrupt':
      return new HealingError(
        'CACHE_CORRUPT',
        `the job queue file ${file} is damaged or is not a healing job queue (${failure.message}): move it aside and restart; queued jobs in it are lost`,
        { details },
      );
    case 'dependency-missing':
      return new HealingError(
        'DEPENDENCY_MISSING',
        `the job queue needs better-sqlite3, which could not be loaded (${failure.message}): install better-sqlite3@^12`,
        { details },
      );
    default:
      return new HealingError('INTERNAL', `the job queue at ${file} failed: ${failure.message}`, { details });
  }
}
