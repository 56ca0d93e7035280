import { posix } from 'node:path';
import type { TestCommandSpec, TestRunResult } from '@healing/adapters';
import { planTestRun, readTestRun } from '@healing/test-reports';
import type { GitHubClient, RepositoryCoordinates } from '../client/github-client.js';
import { readTextAt } from '../storage/read-text-at.js';
import { fileText } from './run-artifact.js';
import type { ActionsRunOutcome } from './run-on-actions.js';
import { setupFailedRun } from './setup-failed-run.js';
import { toShellCommand } from './shell-command.js';

export interface PlannedRunDependencies {
  readonly octokit: GitHubClient;
  readonly coordinates: RepositoryCoordinates;
  /** The revision the runner checks out: package.json is read there. */
  readonly ref: string;
  readonly newCorrelationId: () => string;
  readonly run: (
    line: string,
    extra: { readonly correlationId: string; readonly reportDir: string },
  ) => Promise<ActionsRunOutcome>;
}

/**
 * A test run with no configured report: the runner is identified from the command and the
 * package.json at the revision (where the command runs), asked to write its report into
 * `/tmp/heal-reports-<correlation id>` on the runner, and the uploaded reports are read test by
 * test, with paths relative to the runner's checkout.
 */
export async function runPlannedTestsOnActions(
  spec: TestCommandSpec,
  dependencies: PlannedRunDependencies,
): Promise<TestRunResult> {
  const correlationId = dependencies.newCorrelationId();
  const reportDir = `/tmp/heal-reports-${correlationId}`;
  const cwd = spec.cwd === undefined || spec.cwd === '.' ? '' : spec.cwd.replace(/\/+$/, '');
  const packageJson = await readTextAt(
    dependencies.octokit,
    dependencies.coordinates,
    dependencies.ref,
  )(cwd === '' ? 'package.json' : `${cwd}/package.json`);
  const plan = planTestRun({
    command: spec.command,
    packageJson,
    reportDir,
    ...(spec.env ? { env: spec.env } : {}),
    ...(spec.focus ? { focus: spec.focus } : {}),
  });
  const line = toShellCommand({ command: plan.command, env: plan.env, ...(cwd === '' ? {} : { cwd }) });
  const outcome = await dependencies.run(line, { correlationId, reportDir });
  if (outcome.setupFailure !== null) return { ...setupFailedRun(outcome), focused: plan.focused };
  // The workflow uploads the report directory's files under reports/, by their names in it.
  const reports = plan.reports.map((report) =>
    fileText(outcome.files, `reports/${posix.relative(reportDir, report.path)}`),
  );
  // Unknown only with a workflow that does not record it: paths then stay as the runner wrote them.
  const workspace = outcome.workspace;
  const { result, problem } = readTestRun({
    plan,
    command: outcome.result,
    reports,
    rootDir: workspace === null ? null : posix.join(workspace, cwd),
    label: typeof spec.command === 'string' ? spec.command : spec.command.join(' '),
  });
  return { command: outcome.result, result, focused: plan.focused, ...(problem ? { problem } : {}) };
}
