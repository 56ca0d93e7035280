import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit } from '../git/run-git.js';
import { API_USER } from '../json/user-json.js';
import type { JobRecord, RunConclusion, StepRecord } from '../types.js';
import {
  type ExpressionScope,
  type StepResult,
  stepShouldRun,
  substituteExpressions,
} from './expressions.js';
import {
  baseEnv,
  type ExecuteRunOptions,
  pathWithAdditions,
  type RunDirs,
  readEnvFile,
  timestamp,
} from './run-context.js';
import { runStep } from './run-step.js';
import type { WorkflowJob, WorkflowStep } from './workflow-file.js';

export type { ExecuteRunOptions } from './run-context.js';

function stepName(step: WorkflowStep): string {
  if (step.name) return step.name;
  if (step.uses) return `Run ${step.uses}`;
  return `Run ${(step.run ?? '').split('\n')[0]?.trim() ?? ''}`;
}

/** The minimal environment a step sees: never the simulator's own variables or secrets. */
async function runJob(
  options: ExecuteRunOptions,
  dirs: RunDirs,
  job: WorkflowJob,
  record: JobRecord,
  inputs: Readonly<Record<string, string>>,
): Promise<RunConclusion> {
  const { run, repo } = options;
  record.status = 'in_progress';
  record.startedAt = timestamp(options.now);
  options.onProgress();
  await writeFile(dirs.envFile, '');
  const github: Record<string, string> = {
    sha: run.headSha,
    ref: `refs/heads/${run.headBranch}`,
    ref_name: run.headBranch,
    repository: `${repo.owner}/${repo.name}`,
    repository_owner: repo.owner,
    run_id: String(run.id),
    run_number: String(run.runNumber),
    event_name: run.event,
    workflow: run.workflowName,
    job: job.key,
    actor: API_USER.login,
    workspace: dirs.workspace,
    server_url: options.baseUrl,
    api_url: options.baseUrl,
  };
  const runner = { os: 'Linux', temp: dirs.temp };
  let hasFailed = false;
  // Post steps of the actions that ran (setup-node's cache save), last registered first.
  const postSteps: Array<(jobSucceeded: boolean) => Promise<void>> = [];
  const steps: Record<string, StepResult> = {};
  for (const [index, step] of job.steps.entries()) {
    const record_ = record.steps[index];
    if (!record_) continue;
    const isCancelled = options.signal.aborted;
    const exported = await readEnvFile(dirs.envFile);
    const envBeforeStep = { ...options.workflow.env, ...job.env, ...exported };
    const scope: ExpressionScope = {
      inputs,
      github,
      env: envBeforeStep,
      runner,
      status: { hasFailed, isCancelled },
      steps,
    };
    let shouldRun: boolean;
    try {
      shouldRun = stepShouldRun(step.if, scope, { hasFailed, isCancelled });
    } catch (error) {
      // GitHub fails the step whose condition cannot be evaluated.
      record_.status = 'completed';
      record_.conclusion = 'failure';
      record_.log += `Error: ${error instanceof Error ? error.message : String(error)}\n`;
      hasFailed = true;
      continue;
    }
    if (!shouldRun) {
      record_.status = 'completed';
      record_.conclusion = isCancelled ? 'cancelled' : 'skipped';
      if (step.id !== undefined)
        steps[step.id] = { outputs: {}, outcome: record_.conclusion, conclusion: record_.conclusion };
      continue;
    }
    record_.status = 'in_progress';
    record_.startedAt = timestamp(options.now);
    options.onProgress();
    let succeeded: boolean;
    try {
      const stepEnv: Record<string, string> = { ...baseEnv(options, job, dirs) };
      for (const [key, value] of Object.entries({ ...options.workflow.env, ...job.env })) {
        stepEnv[key] = substituteExpressions(value, scope);
      }
      Object.assign(stepEnv, exported);
      stepEnv.PATH = await pathWithAdditions(dirs.pathFile, stepEnv.PATH ?? '');
      for (const [key, value] of Object.entries(step.env)) stepEnv[key] = substituteExpressions(value, scope);
      await writeFile(dirs.outputFile, '');
      succeeded = await runStep(options, dirs, step, record_, stepEnv, { ...scope, env: stepEnv }, (post) =>
        postSteps.unshift(post),
      );
    } catch (error) {
      record_.log += `Error: ${error instanceof Error ? error.message : String(error)}\n`;
      succeeded = false;
    }
    record_.status = 'completed';
    record_.completedAt = timestamp(options.now);
    record_.conclusion = options.signal.aborted ? 'cancelled' : succeeded ? 'success' : 'failure';
    if (step.id !== undefined) {
      // continue-on-error turns a failed outcome into a successful conclusion, as on GitHub.
      const outcome = record_.conclusion;
      const conclusion = outcome === 'failure' && step['continue-on-error'] ? 'success' : outcome;
      steps[step.id] = { outputs: await readEnvFile(dirs.outputFile), outcome, conclusion };
    }
    if (!succeeded && !step['continue-on-error']) hasFailed = true;
    options.onProgress();
  }
  for (const post of postSteps) await post(!hasFailed && !options.signal.aborted).catch(() => undefined);
  record.status = 'completed';
  record.completedAt = timestamp(options.now);
  record.conclusion = options.signal.aborted ? 'cancelled' : hasFailed ? 'failure' : 'success';
  options.onProgress();
  return record.conclusion;
}

/** Runs every job of a workflow run in a git worktree of its head commit; returns the run's conclusion. */
export async function executeRun(options: ExecuteRunOptions): Promise<RunConclusion> {
  const { run, repo, workflow, runDir } = options;
  const dirs: RunDirs = {
    workspace: join(runDir, 'workspace'),
    home: join(runDir, 'home'),
    temp: join(runDir, 'tmp'),
    scripts: join(runDir, 'scripts'),
    envFile: join(runDir, 'github-env'),
    outputFile: join(runDir, 'github-output'),
    summaryFile: join(runDir, 'step-summary'),
    pathFile: join(runDir, 'github-path'),
    tools: join(runDir, 'tools'),
  };
  await Promise.all([
    mkdir(dirs.home, { recursive: true }),
    mkdir(dirs.temp, { recursive: true }),
    mkdir(dirs.scripts, { recursive: true }),
  ]);
  await Promise.all([
    writeFile(dirs.outputFile, ''),
    writeFile(dirs.summaryFile, ''),
    writeFile(dirs.pathFile, ''),
  ]);
  await runGit(repo.git.gitDir, ['worktree', 'add', '--detach', '--quiet', dirs.workspace, run.headSha]);
  try {
    const conclusions = new Map<string, RunConclusion>();
    for (const [index, job] of workflow.jobs.entries()) {
      const record = run.jobs[index];
      if (!record) continue;
      const needs = typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []);
      const isBlocked = needs.some((need) => conclusions.get(need) !== 'success');
      if (isBlocked || options.signal.aborted) {
        record.status = 'completed';
        record.conclusion = options.signal.aborted ? 'cancelled' : 'skipped';
        for (const step of record.steps) {
          step.status = 'completed';
          step.conclusion = record.conclusion;
        }
        conclusions.set(job.key, record.conclusion);
        continue;
      }
      // The job's own signal also fires at its timeout-minutes, when GitHub cancels the job.
      const timeoutMinutes = job['timeout-minutes'];
      const signal =
        timeoutMinutes === undefined
          ? options.signal
          : AbortSignal.any([options.signal, AbortSignal.timeout(Math.ceil(timeoutMinutes * 60_000))]);
      conclusions.set(job.key, await runJob({ ...options, signal }, dirs, job, record, run.inputs));
      if (signal.aborted && !options.signal.aborted) {
        const lastStarted = record.steps.filter((step) => step.startedAt !== null).at(-1);
        if (lastStarted) {
          lastStarted.log += `##[error]The job running on runner github-sim-runner has exceeded the maximum execution time of ${timeoutMinutes} minutes.\n`;
        }
      }
    }
    if (options.signal.aborted) return 'cancelled';
    const all = [...conclusions.values()];
    if (all.includes('failure')) return 'failure';
    return all.includes('cancelled') ? 'cancelled' : 'success';
  } finally {
    await runGit(repo.git.gitDir, ['worktree', 'remove', '--force', dirs.workspace], { okExitCodes: [128] });
    await rm(runDir, { recursive: true, force: true });
  }
}

export function stepRecords(job: WorkflowJob): StepRecord[] {
  return job.steps.map((step, index) => ({
    number: index + 1,
    name: stepName(step),
    status: 'queued',
    conclusion: null,
    startedAt: null,
    completedAt: null,
    log: '',
  }));
}
