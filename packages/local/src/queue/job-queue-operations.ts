import type { Statement } from 'better-sqlite3';
import { defineOperationSet } from '../cache/operation-set.js';

/** 'hjob' in ASCII: marks a SQLite file as a healing job queue. */
export const JOB_QUEUE_APPLICATION_ID = 0x686a6f62;

export type JobState = 'queued' | 'leased' | 'done' | 'failed';

/** A job as it crosses to the main thread. */
export interface JobRow {
  readonly id: number;
  readonly key: string;
  readonly partition: string;
  readonly payload: string;
  readonly state: JobState;
  readonly attempts: number;
  readonly runAfter: number;
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly lastError: string | null;
  readonly result: string | null;
}

export interface EnqueueOutcome {
  /** The delivery id was seen before: nothing new was recorded. */
  readonly isDuplicateDelivery: boolean;
  readonly jobId: number | null;
  /** False when a job with the same key already existed (another delivery of the same work). */
  readonly isNewJob: boolean;
}

interface QueueStatements {
  readonly insertDelivery: Statement<[string, number]>;
  readonly deliveryJob: Statement<[string], unknown>;
  readonly linkDelivery: Statement<[number, string]>;
  readonly insertJob: Statement<[string, string, string, number, number, number]>;
  readonly jobIdByKey: Statement<[string], unknown>;
  readonly nextReady: Statement<[number, number, number, number, number], Record<string, unknown>>;
  readonly takeLease: Statement<[string, number, number, number]>;
  readonly renew: Statement<[number, number, number, string]>;
  readonly complete: Statement<[string | null, number, number, string]>;
  readonly retry: Statement<[string, number, number, number, string]>;
  readonly giveUp: Statement<[string, number, number, string]>;
  readonly release: Statement<[number, number, number, string]>;
  readonly byId: Statement<[number], Record<string, unknown>>;
  readonly countByState: Statement<[], { state: JobState; count: number }>;
  readonly startedSince: Statement<[string, number], unknown>;
}

const COLUMNS = `id, key, partition, payload, state, attempts, run_after, lease_owner, lease_expires_at,
  created_at, updated_at, last_error, result`;

function toJobRow(row: Record<string, unknown> | undefined): JobRow | null {
  if (!row) return null;
  return {
    id: row.id as number,
    key: row.key as string,
    partition: row.partition as string,
    payload: row.payload as string,
    state: row.state as JobState,
    attempts: row.attempts as number,
    runAfter: row.run_after as number,
    leaseOwner: (row.lease_owner as string | null) ?? null,
    leaseExpiresAt: (row.lease_expires_at as number | null) ?? null,
    createdAt: row.created_at as number,
    updatedAt: row.updated_at as number,
    lastError: (row.last_error as string | null) ?? null,
    result: (row.result as string | null) ?? null,
  };
}

/**
 * A durable job queue: jobs keyed for de-duplication, delivery ids remembered, leases that
 * expire (so a worker killed mid-job hands its job on), retries with a time to wait, and a
 * cap on leases held at once per partition (a repository, for the worker).
 */
export const jobQueueOperations = defineOperationSet<QueueStatements>({
  name: 'job-queue',
  applicationId: JOB_QUEUE_APPLICATION_ID,
  schemaVersion: 1,
  migrate(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        partition TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'leased', 'done', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        run_after INTEGER NOT NULL,
        lease_owner TEXT,
        lease_expires_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_error TEXT,
        result TEXT
      );
      CREATE INDEX IF NOT EXISTS jobs_ready ON jobs (state, run_after);
      CREATE INDEX IF NOT EXISTS jobs_partition ON jobs (partition, state);
      CREATE TABLE IF NOT EXISTS deliveries (
        id TEXT PRIMARY KEY NOT NULL,
        received_at INTEGER NOT NULL,
        job_id INTEGER REFERENCES jobs (id)
      );
    `);
  },
  prepare(db) {
    return {
      insertDelivery: db.prepare('INSERT OR IGNORE INTO deliveries (id, received_at) VALUES (?, ?)'),
      deliveryJob: db.prepare<[string], unknown>('SELECT job_id FROM deliveries WHERE id = ?').pluck(),
      linkDelivery: db.prepare('UPDATE deliveries SET job_id = ? WHERE id = ?'),
      insertJob: db.prepare(
        `INSERT OR IGNORE INTO jobs (key, partition, payload, state, run_after, created_at, updated_at)
         VALUES (?, ?, ?, 'queued', ?, ?, ?)`,
      ),
      jobIdByKey: db.prepare<[string], unknown>('SELECT id FROM jobs WHERE key = ?').pluck(),
      // Ready: queued and due, or leased by someone whose lease ran out (a crashed worker).
      // A partition already holding `limit` live leases waits.
      nextReady: db.prepare(
        `SELECT ${COLUMNS} FROM jobs AS candidate
         WHERE ((state = 'queued' AND run_after <= ?) OR (state = 'leased' AND lease_expires_at <= ?))
           AND (SELECT count(*) FROM jobs AS held
                WHERE held.partition = candidate.partition AND held.state = 'leased'
                  AND held.lease_expires_at > ? AND held.id != candidate.id) < ?
         ORDER BY run_after, id LIMIT ?`,
      ),
      takeLease: db.prepare(
        `UPDATE jobs SET state = 'leased', lease_owner = ?, lease_expires_at = ?, attempts = attempts + 1,
         updated_at = ? WHERE id = ?`,
      ),
      renew: db.prepare(
        `UPDATE jobs SET lease_expires_at = ?, updated_at = ? WHERE id = ? AND state = 'leased' AND lease_owner = ?`,
      ),
      complete: db.prepare(
        `UPDATE jobs SET state = 'done', result = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
         WHERE id = ? AND state = 'leased' AND lease_owner = ?`,
      ),
      retry: db.prepare(
        `UPDATE jobs SET state = 'queued', last_error = ?, run_after = ?, lease_owner = NULL, lease_expires_at = NULL,
         updated_at = ? WHERE id = ? AND state = 'leased' AND lease_owner = ?`,
      ),
      giveUp: db.prepare(
        `UPDATE jobs SET state = 'failed', last_error = ?, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?
         WHERE id = ? AND state = 'leased' AND lease_owner = ?`,
      ),
      release: db.prepare(
        `UPDATE jobs SET state = 'queued', attempts = max(attempts - 1, 0), run_after = max(run_after, ?), lease_owner = NULL,
         lease_expires_at = NULL, updated_at = ? WHERE id = ? AND state = 'leased' AND lease_owner = ?`,
      ),
      byId: db.prepare(`SELECT ${COLUMNS} FROM jobs WHERE id = ?`),
      countByState: db.prepare('SELECT state, count(*) AS count FROM jobs GROUP BY state'),
      startedSince: db
        .prepare<[string, number], unknown>(
          'SELECT count(*) FROM jobs WHERE partition = ? AND attempts > 0 AND created_at >= ?',
        )
        .pluck(),
    };
  },
  operations: {
    enqueue(statements, [deliveryId, key, partition, payload, now]): EnqueueOutcome {
      const at = now as number;
      if (deliveryId !== null) {
        const isNewDelivery = statements.insertDelivery.run(deliveryId as string, at).changes === 1;
        if (!isNewDelivery) {
          const jobId = statements.deliveryJob.get(deliveryId as string);
          return { isDuplicateDelivery: true, jobId: (jobId as number | null) ?? null, isNewJob: false };
        }
      }
      if (key === null) return { isDuplicateDelivery: false, jobId: null, isNewJob: false };
      const inserted = statements.insertJob.run(
        key as string,
        partition as string,
        payload as string,
        at,
        at,
        at,
      );
      const jobId = statements.jobIdByKey.get(key as string) as number;
      if (deliveryId !== null) statements.linkDelivery.run(jobId, deliveryId as string);
      return { isDuplicateDelivery: false, jobId, isNewJob: inserted.changes === 1 };
    },
    lease(statements, [owner, now, leaseMs, perPartition]) {
      const at = now as number;
      const candidates = statements.nextReady.all(at, at, at, perPartition as number, 16).map(toJobRow);
      const chosen = candidates[0];
      if (!chosen) return null;
      statements.takeLease.run(owner as string, at + (leaseMs as number), at, chosen.id);
      return toJobRow(statements.byId.get(chosen.id));
    },
    renew: (statements, [id, owner, now, leaseMs]) =>
      statements.renew.run(
        (now as number) + (leaseMs as number),
        now as number,
        id as number,
        owner as string,
      ).changes === 1,
    complete: (statements, [id, owner, now, result]) =>
      statements.complete.run(result as string | null, now as number, id as number, owner as string)
        .changes === 1,
    fail(statements, [id, owner, now, error, retryAt]) {
      if (retryAt === null) {
        return (
          statements.giveUp.run(error as string, now as number, id as number, owner as string).changes === 1
        );
      }
      return (
        statements.retry.run(error as string, retryAt as number, now as number, id as number, owner as string)
          .changes === 1
      );
    },
    release: (statements, [id, owner, now, runAfter]) =>
      statements.release.run(
        // Without runAfter the job keeps its place: it was due when it was leased.
        (runAfter as number | null) ?? 0,
        now as number,
        id as number,
        owner as string,
      ).changes === 1,
    get: (statements, [id]) => toJobRow(statements.byId.get(id as number)),
    counts(statements) {
      const counts: Record<JobState, number> = { queued: 0, leased: 0, done: 0, failed: 0 };
      for (const row of statements.countByState.all()) counts[row.state] = row.count;
      return counts;
    },
    startedSince: (statements, [partition, since]) =>
      statements.startedSince.get(partition as string, since as number) as number,
  },
});
