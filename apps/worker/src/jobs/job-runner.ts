import { type CacheAdapter, type HealReport, isHealingError } from '@healing/adapters';
import type { GitHubClient } from '@healing/github';
import type { LeasedJob, SqliteJobQueue } from '@healing/local';
import type { Logger } from 'pino';
import type { InstallationVerdict } from '../installations/installation-registry.js';
import type { WorkerMetrics } from '../observability/create-metrics.js';
import type { HealJob } from '../webhooks/heal-job.js';
import { healOnGitHub } from './heal-on-github.js';

export interface JobRunnerOptions {
  readonly queue: SqliteJobQueue;
  readonly cache: CacheAdapter;
  readonly clientFor: (installationId: number | null) => Promise<GitHubClient>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger: Logger;
  readonly metrics: WorkerMetrics;
  /** Names this process in leases (each loop adds /<n>); a restarted worker uses a new one. */
  readonly owner: string;
  readonly perRepository: number;
  readonly maxHealsPerDay: number;
  readonly maxModelTokensPerDay: number;
  /** Jobs healed at once by this process. */
  readonly parallel?: number;
  /** A lease lasts this long and is renewed at a third of it while the heal runs. */
  readonly leaseMs?: number;
  /** Wait between looks at an empty queue. */
  readonly idleMs?: number;
  readonly maxAttempts?: number;
  /** The first wait before a failed job is tried again (doubling after each attempt; 60 s). */
  readonly retryBaseMs?: number;
  readonly pollIntervalMs?: number;
  /** As a GitHub App: whether a job's installation is (still) served, asked before each heal. */
  readonly verifyInstallation?: (installationId: number) => Promise<InstallationVerdict>;
  readonly now?: () => number;
}

export interface JobRunner {
  start(): void;
  /** Stops leasing; waits `graceMs` for running heals, then aborts them and hands their jobs back. */
  stop(graceMs: number): Promise<void>;
}

const DAY_MS = 86_400_000;

interface LeaseGuard {
  /** This loop's name in leases: loops of one process must not pass for each other. */
  readonly owner: string;
  readonly abort: AbortController;
  hasLostLease: boolean;
  stop(): void;
}
/** Failures another attempt cannot change: a missing heal config, a branch healing must not touch. */
const PERMANENT_FAILURES = ['CONFIG_INVALID', 'GUARDRAIL_VIOLATION', 'INVALID_INPUT'] as const;

/** Leases heal jobs from the durable queue and heals each through GitHub, within budgets. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { queue, logger, metrics } = options;
  const now = options.now ?? Date.now;
  const leaseMs = options.leaseMs ?? 15 * 60_000;
  const idleMs = options.idleMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 60_000;
  const running = new Map<number, AbortController>();
  let isStopping = false;
  let loops: Promise<void>[] = [];

  const startOfDay = (): number => now() - (now() % DAY_MS);
  const tokenKey = (repository: string): string => `worker:tokens:${repository}:${startOfDay()}`;

  /** When a job that failed its `attempts`th time is tried again (null: never). */
  const retryTime = (attempts: number): number | null =>
    attempts < maxAttempts ? now() + retryBaseMs * 2 ** (attempts - 1) : null;

  async function healOne(owner: string): Promise<boolean> {
    const leased = await queue.lease<HealJob>({
      owner: owner,
      leaseMs,
      perPartition: options.perRepository,
    });
    if (!leased) return false;
    const log = logger.child({
      job: leased.id,
      repository: leased.payload.repository,
      sha: leased.payload.headSha,
      attempt: leased.attempts,
    });
    const guard = guardLease(leased.id, owner, log);
    running.set(leased.id, guard.abort);
    try {
      if (leased.attempts > maxAttempts) {
        // Leases that lapsed (a killed or stalled worker) count attempts too: a job that keeps
        // losing its worker must end, not loop.
        log.error('too many attempts: the job is given up');
        await queue.fail(leased.id, owner, `gave up after ${leased.attempts - 1} attempts`, null);
        metrics.heals.inc({ outcome: 'error' });
        return true;
      }
      await runLeased(leased, guard, log);
    } catch (error) {
      logger.error({ err: error, job: leased.id }, 'job bookkeeping failed; handing the job back');
      await queue.release(leased.id, owner, { runAfter: now() + retryBaseMs }).catch(() => {});
    } finally {
      guard.stop();
      running.delete(leased.id);
    }
    return true;
  }

  /**
   * Renews the lease at a third of its length from the moment it is taken. Losing it means
   * another worker may take the job: the heal is aborted rather than race it (its scratch
   * branches would be deleted under it, and a second pull request could follow).
   */
  function guardLease(jobId: number, owner: string, log: Logger): LeaseGuard {
    const abort = new AbortController();
    const guard = { owner, abort, hasLostLease: false, stop: () => clearInterval(timer) };
    let renewalFailures = 0;
    const loseLease = (why: string): void => {
      if (guard.hasLostLease) return;
      guard.hasLostLease = true;
      log.error(`${why}: stopping this heal, another worker may take the job`);
      abort.abort();
    };
    const timer = setInterval(
      () => {
        queue.renew(jobId, owner, leaseMs).then(
          (isHeld) => {
            if (isHeld) renewalFailures = 0;
            else loseLease('the lease on this job was lost');
          },
          (error: unknown) => {
            renewalFailures += 1;
            log.error({ err: error }, 'lease renewal failed');
            if (renewalFailures >= 2) loseLease('the lease could not be renewed twice in a row');
          },
        );
      },
      Math.max(1000, Math.floor(leaseMs / 3)),
    );
    return guard;
  }

  async function runLeased(leased: LeasedJob<HealJob>, guard: LeaseGuard, log: Logger): Promise<void> {
    const job = leased.payload;
    if (job.installationId !== null && options.verifyInstallation) {
      // A delivery queued while GitHub could not confirm its installation is checked here.
      const verdict = await options.verifyInstallation(job.installationId);
      if (verdict === 'not-served') {
        log.warn({ installation: job.installationId }, "installation is not the App's: not healed");
        await queue.fail(
          leased.id,
          guard.owner,
          `installation ${job.installationId} is not one of this App's`,
          null,
        );
        metrics.heals.inc({ outcome: 'rejected' });
        return;
      }
      if (verdict === 'unchecked') {
        // GitHub is not answering: wait for it without spending one of the job's attempts.
        log.warn({ installation: job.installationId }, 'installation could not be checked; the job waits');
        await queue.release(leased.id, guard.owner, { runAfter: now() + retryBaseMs });
        return;
      }
    }
    if ((await queue.startedSince(job.repository, startOfDay())) > options.maxHealsPerDay) {
      log.warn('daily heal budget reached; the job waits for tomorrow');
      await queue.fail(
        leased.id,
        guard.owner,
        'daily heal budget reached (HEAL_MAX_HEALS_PER_DAY)',
        startOfDay() + DAY_MS,
      );
      return;
    }
    const tokensToday = Number((await options.cache.get(tokenKey(job.repository))) ?? 0);
    const overrides =
      tokensToday >= options.maxModelTokensPerDay ? { strategies: { model: { enabled: false } } } : {};
    if (tokensToday >= options.maxModelTokensPerDay)
      log.warn({ tokensToday }, 'model token budget spent: the model strategy is off today');
    const started = now();
    let report: HealReport;
    try {
      log.info('heal started');
      report = await healOnGitHub({
        job,
        octokit: await options.clientFor(job.installationId),
        cache: options.cache,
        env: options.env,
        overrides,
        signal: guard.abort.signal,
        onLeftovers: (branches) => log.info({ branches }, 'deleted scratch branches of a killed attempt'),
        ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
      });
    } catch (error) {
      if (guard.abort.signal.aborted) return handBack(leased, guard, log);
      const reason = error instanceof Error ? error.message : String(error);
      const isPermanent = PERMANENT_FAILURES.some((code) => isHealingError(error, code));
      const retryAt = isPermanent ? null : retryTime(leased.attempts);
      await queue.fail(leased.id, guard.owner, reason, retryAt);
      metrics.heals.inc({ outcome: 'error' });
      log.error({ err: error, retryAt }, 'heal failed');
      return;
    }
    // A report that came back is real even if an abort followed (the engine returns one after an
    // abort only once it delivered): record it; `complete` refuses if the lease moved on.
    const tokens = report.metrics?.modelTokens ?? 0;
    if (tokens > 0)
      await options.cache.set(tokenKey(job.repository), tokensToday + tokens, { ttlMs: 2 * DAY_MS });
    const isRecorded = await queue.complete(leased.id, guard.owner, {
      outcome: report.outcome,
      reportId: report.id,
      ...(report.delivery?.pullRequestUrl ? { pullRequest: report.delivery.pullRequestUrl } : {}),
    });
    if (!isRecorded) log.warn('the job was taken over while this heal ran; its outcome is not recorded');
    metrics.heals.inc({ outcome: report.outcome });
    metrics.healSeconds.observe({ outcome: report.outcome }, (now() - started) / 1000);
    log.info({ outcome: report.outcome, pullRequest: report.delivery?.pullRequestUrl }, 'heal finished');
  }

  /**
   * An aborted heal hands its job back. After a lost lease that is a no-op unless the row is
   * still this worker's (renewals failed, but nobody took it): `release` checks the owner.
   */
  async function handBack(leased: LeasedJob<HealJob>, guard: LeaseGuard, log: Logger): Promise<void> {
    const isReleased = await queue.release(leased.id, guard.owner);
    if (guard.hasLostLease) {
      metrics.heals.inc({ outcome: 'lease_lost' });
      return;
    }
    if (isReleased) log.info('heal stopped for shutdown; job handed back');
  }

  async function loop(owner: string): Promise<void> {
    while (!isStopping) {
      let didWork = false;
      try {
        didWork = await healOne(owner);
      } catch (error) {
        logger.error({ err: error }, 'job loop error');
      }
      if (!didWork && !isStopping) await new Promise((resolve) => setTimeout(resolve, idleMs));
    }
  }

  return {
    start() {
      loops = Array.from({ length: options.parallel ?? 1 }, (_, index) => loop(`${options.owner}/${index}`));
    },
    async stop(graceMs) {
      isStopping = true;
      const finished = Promise.all(loops);
      const timer = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), graceMs).unref(),
      );
      if ((await Promise.race([finished.then(() => 'done' as const), timer])) === 'timeout') {
        for (const controller of running.values()) controller.abort();
        await finished;
      }
    },
  };
}
