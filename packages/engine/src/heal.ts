import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  type CommandResult,
  type FlakyTest,
  type HealAttempt,
  type HealReport,
  HealReportSchema,
  isGreen,
  isHealingError,
  redactValue,
  type TestRunResult,
} from '@healing/adapters';
import { parseHealConfig } from './config/parse-heal-config.js';
import { deliverHeal } from './deliver/deliver-heal.js';
import { healTitle } from './deliver/heal-title.js';
import type { HealEvent } from './events.js';
import { failureFingerprint } from './fingerprint/failure-fingerprint.js';
import { findPreviousHeal, recordFlakyCounts, recordHeal, recordLastGreen } from './report/heal-history.js';
import { renderPullRequestBody } from './report/render-pull-request-body.js';
import { assertKeyStaysOut } from './run/assert-key-stays-out.js';
import { environmentSummary } from './run/environment-summary.js';
import { failingTestFiles } from './run/failing-test-files.js';
import type { HealContext, HealMetrics } from './run/heal-context.js';
import type { HealOptions } from './run/heal-options.js';
import { type RunPlace, runAtFailingRevision } from './run/run-at-failing-revision.js';
import { runChangeStrategies, skippedAttempt } from './run/run-change-strategies.js';
import { checkFailure, type FailureCheck } from './strategies/flaky-strategy.js';
import { runQuarantine } from './strategies/quarantine-proposal.js';

/**
 * Heals one failing revision: observes the failure, tries the strategies cheapest first,
 * validates every candidate in a workspace, delivers the first validated one and returns
 * the report (also recorded in the cache). A failure nobody can fix is a `not-healed`
 * report, not an error; errors are bad input or broken adapters.
 */
export async function heal(options: HealOptions): Promise<HealReport> {
  const config = parseHealConfig(options.config);
  const now = options.now ?? Date.now;
  const env = options.env ?? process.env;
  const apiKey = env[config.strategies.model.apiKeyEnv];
  const secrets = apiKey ? [apiKey] : [];
  // Events leave the library like reports do: redacted.
  const emit = (event: HealEvent): void => options.onEvent?.(redactValue(event, secrets));
  assertKeyStaysOut(config, apiKey);
  const metrics: HealMetrics = {
    testRuns: 0,
    commandMs: 0,
    workspaces: 0,
    modelTokens: 0,
    focusedRuns: 0,
    setupMs: 0,
    setups: [],
  };
  const repository = options.repository ?? 'local';
  const startedAt = now();
  const id = (options.newId ?? randomUUID)();
  const headSha = await options.git.headSha('HEAD');
  const sha = options.revision === undefined ? headSha : await options.git.headSha(options.revision);
  // Tests run in place only when the tree is exactly the commit: uncommitted edits would make
  // the observed failure differ from what every workspace (and the heal branch) starts from.
  const isCheckedOut =
    sha === headSha && options.git.capabilities.workingTree && (await options.git.status()).length === 0;
  const branch = options.branch ?? (await options.git.currentBranch());
  emit({ type: 'run-started', repository, sha, at: new Date(startedAt).toISOString() });

  const observed = await observe(options, {
    config,
    metrics,
    signal: options.signal,
    sha,
    cwd: options.cwd,
    isCheckedOut,
    execution: options.execution,
    workspaces: options.workspaces,
    emit,
  });
  const before = observed.run.result;
  options.signal?.throwIfAborted();
  const fingerprint = failureFingerprint(before.failedTests);
  emit({ type: 'failure-observed', fingerprint, result: before });

  const base = { version: 1 as const, id, repository, sha, branch, fingerprint, before };
  type ReportFields = Partial<HealReport> & Pick<HealReport, 'outcome' | 'summary'>;
  const buildReport = (fields: ReportFields): HealReport => {
    const finishedAt = now();
    return HealReportSchema.parse(
      redactValue(
        {
          ...base,
          failingTests: before.failedTests,
          startedAt: new Date(startedAt).toISOString(),
          finishedAt: new Date(finishedAt).toISOString(),
          durationMs: Math.max(0, finishedAt - startedAt),
          metrics: { ...metrics },
          ...fields,
        },
        secrets,
      ),
    );
  };
  const finish = async (fields: ReportFields): Promise<HealReport> => {
    // An aborted heal records nothing: its verdict would answer the next heal of this failure.
    // A delivered one is recorded whatever happens: its pull request exists.
    if (fields.delivery === undefined) options.signal?.throwIfAborted();
    const report = buildReport(fields);
    await recordHeal(options.cache, report, {
      isAnswer: report.outcome !== 'duplicate' && report.outcome !== 'green',
    });
    emit({ type: 'finished', report });
    return report;
  };
  // Commits the chosen patch (branch, and pull request when the adapter can), then finishes.
  const deliver = async (
    fields: ReportFields & { chosen: HealAttempt },
    title: string,
  ): Promise<HealReport> => {
    options.signal?.throwIfAborted();
    const delivery = await deliverHeal({
      git: options.git,
      config,
      patch: fields.chosen.patch ?? '',
      sha,
      fingerprint,
      branch,
      title,
      message: `${title}\n\nStrategy: ${fields.chosen.strategy}\nFingerprint: ${fingerprint}\nHeal: ${id}\n`,
      body: renderPullRequestBody(buildReport(fields)),
    });
    const { isExisting, ...deliveryFields } = delivery;
    emit({ type: 'delivered', delivery: deliveryFields });
    return finish({
      ...fields,
      delivery: deliveryFields,
      summary: `${fields.summary}; delivered on branch ${delivery.branch}${isExisting ? ' (it already existed)' : ''}${delivery.pullRequestUrl ? ` as ${delivery.pullRequestUrl}` : ''}`,
    });
  };

  if (observed.run.problem !== undefined) {
    const where = observed.where === 'workspace' ? 'workspace' : 'checkout';
    return finish({
      outcome: 'not-healed',
      environment: { ...observed.run.problem, where },
      summary: `${environmentSummary(observed.run.problem, where)}: nothing was healed`,
    });
  }
  if (isGreen(before)) {
    await recordLastGreen(options.cache, repository, sha);
    return finish({
      outcome: 'green',
      summary: `all ${before.total} tests pass on ${sha.slice(0, 7)}: nothing to heal`,
    });
  }
  const previous = await findPreviousHeal(options.cache, repository, sha, fingerprint);
  if (previous !== null) {
    return finish({
      outcome: 'duplicate',
      duplicateOf: previous.id,
      flakyTests: previous.flakyTests,
      ...(previous.culprit ? { culprit: previous.culprit } : {}),
      ...(previous.chosen ? { chosen: previous.chosen } : {}),
      ...(previous.delivery ? { delivery: previous.delivery } : {}),
      ...(previous.after ? { after: previous.after } : {}),
      summary: `this failure on ${sha.slice(0, 7)} was already handled by heal ${previous.id} (${previous.outcome}${previous.delivery ? ` on branch ${previous.delivery.branch}` : ''}): nothing new was done`,
    });
  }

  const context: HealContext = {
    config,
    git: options.git,
    execution: options.execution,
    workspaces: options.workspaces,
    cache: options.cache,
    cwd: options.cwd,
    isCheckedOut,
    repository,
    sha,
    before,
    targetIds: before.failedTests.map((test) => test.id),
    failingTestFiles: failingTestFiles(before.failedTests, options.cwd),
    flakyIds: new Set(),
    focus: { isEnabled: true },
    now,
    // An abort ends the wait (and the next checkpoint ends the heal).
    sleep:
      options.sleep ??
      ((milliseconds) =>
        delay(milliseconds, undefined, options.signal ? { signal: options.signal } : {}).catch(() => {})),
    fetch: options.fetch ?? globalThis.fetch,
    env,
    signal: options.signal,
    secrets,
    metrics,
    emit,
  };
  const attempts: HealAttempt[] = [];
  const tried = (attempt: HealAttempt): void => {
    attempts.push(attempt);
    emit({ type: 'strategy-tried', strategy: attempt.strategy, attempt });
  };

  let flakyTests: FlakyTest[] = [];
  let working = context;
  options.signal?.throwIfAborted();
  if (config.strategies.flaky.enabled) emit({ type: 'strategy-started', strategy: 'flaky' });
  const check: FailureCheck = await checkFailure(context, observed.where).catch((error: unknown) => {
    // A workspace that cannot even be made (git refuses) is the same dead end as one that cannot run tests.
    if (!isHealingError(error)) throw error;
    const summary = `no workspace could be made at ${sha.slice(0, 7)}: ${error.message}`;
    return { attempt: null, counts: [], flakyIds: new Set<string>(), notReproduced: { summary } };
  });
  // Counts of reruns an abort cut short would add failures that never happened.
  options.signal?.throwIfAborted();
  if (check.notReproduced !== undefined) {
    return finish({
      outcome: 'not-healed',
      attempts,
      ...(check.notReproduced.problem
        ? { environment: { ...check.notReproduced.problem, where: 'workspace' } }
        : {}),
      summary: `not healed: ${check.notReproduced.summary}`,
    });
  }
  if (check.attempt === null) {
    tried(
      skippedAttempt(
        'flaky',
        'switched off (strategies.flaky.enabled); the failure reproduced in a workspace',
      ),
    );
  } else {
    tried(check.attempt);
    options.signal?.throwIfAborted();
    const { counts, flakyIds } = check;
    await recordFlakyCounts(options.cache, repository, sha, counts);
    flakyTests = counts.filter((count) => flakyIds.has(count.id));
    if (flakyIds.size === context.targetIds.length) {
      const flakySummary = `${flakyTests.length} failing test${flakyTests.length === 1 ? ' is' : 's are'} flaky (passed on rerun on the same commit)`;
      if (config.strategies.flaky.quarantine.enabled) {
        const quarantine = await runQuarantine(context, flakyTests);
        tried(quarantine);
        if (quarantine.outcome === 'accepted') {
          return deliver(
            {
              outcome: 'flaky',
              attempts,
              flakyTests,
              chosen: quarantine,
              summary: `${flakySummary}: ${quarantine.reason}`,
            },
            `heal: quarantine ${flakyTests.length} flaky test${flakyTests.length === 1 ? '' : 's'}`,
          );
        }
      }
      return finish({
        outcome: 'flaky',
        attempts,
        flakyTests,
        summary: `${flakySummary}: no change proposed`,
      });
    }
    working = {
      ...context,
      flakyIds,
      targetIds: context.targetIds.filter((testId) => !flakyIds.has(testId)),
    };
  }

  const { accepted, culprit } = await runChangeStrategies(working, tried);
  const common = { attempts, flakyTests, ...(culprit ? { culprit } : {}) };
  if (accepted === undefined) {
    const tries = attempts.filter((attempt) => attempt.outcome !== 'skipped').length;
    return finish({
      ...common,
      outcome: 'not-healed',
      summary: `not healed: ${working.targetIds.length} failing test${working.targetIds.length === 1 ? '' : 's'} on ${sha.slice(0, 7)}; ${tries} attempt${tries === 1 ? '' : 's'} produced no validated change (see what was tried)`,
    });
  }
  const { attempt: chosen, after } = accepted;
  return deliver(
    {
      ...common,
      outcome: 'healed',
      chosen,
      after,
      summary: `healed by the ${chosen.strategy} strategy: ${chosen.reason}`,
    },
    healTitle(chosen, culprit, working.targetIds),
  );
}

async function observe(
  options: HealOptions,
  runner: Parameters<typeof runAtFailingRevision>[0],
): Promise<{ readonly run: TestRunResult; readonly where: RunPlace | 'report' }> {
  const { failingRun } = options;
  if (failingRun === undefined) return runAtFailingRevision(runner);
  const run = 'result' in failingRun ? failingRun : { command: REPORTED_COMMAND, result: failingRun };
  return { run, where: 'report' };
}

// A failing run handed in by CI has no command of ours behind it.
const REPORTED_COMMAND: CommandResult = {
  exitCode: 1,
  signal: null,
  stdout: '',
  stderr: '',
  durationMs: 0,
  timedOut: false,
  aborted: false,
  outputTruncated: false,
};
