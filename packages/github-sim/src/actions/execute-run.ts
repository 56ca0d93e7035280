import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runGit } from '../git/run-git.js';
import { API_USER } from '../json/user-json.js';
import type { RepoState } from '../state.js';
import type { JobRecord, RunConclusion, StepRecord, WorkflowRunRecord } from '../types.js';
import { type ExpressionScope, stepCondition, substituteExpressions } from './expressions.js';
import { runScript } from './run-script.js';
import { zipArtifact } from './upload-artifact.js';
import type { WorkflowFile, WorkflowJob, WorkflowStep } from './workflow-file.js';

export interface ExecuteRunOptions {
  readonly repo: RepoState;
  readonly run: WorkflowRunRecord;
  readonly workflow: WorkflowFile;
  readonly runDir: string;
  readonly baseUrl: string;
  readonly signal: AbortSignal;
  readonly now: () => number;
  readonly nextId: () => number;
  /** Called whenever a job or step changes state. */
  readonly onProgress: () => void;
}

function timestamp(now: () => number): string {
  return new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Appends output to a step log the way GitHub stores it: each line prefixed with a 7-digit-fraction timestamp. */
function appender(step: StepRecord, now: () => number): (text: string) => void {
  let pending = '';
  return (text) => {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    const stamp = new Date(now()).toISOString().replace('Z', '0000Z');
    for (const line of lines) step.log += `${stamp} ${line}\n`;
  };
}

function stepName(step: WorkflowStep): string {
  if (step.name) return step.name;
  if (step.uses) return `Run ${step.uses}`;
  return `Run ${(step.run ?? '').split('\n')[0]?.trim() ?? ''}`;
}

/** The minimal environment a step sees: never the simulator's own variables or secrets. */
function baseEnv(options: ExecuteRunOptions, job: WorkflowJob, dirs: RunDirs): Record<string, string> {
  const { run, repo } = options;
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: dirs.home,
    LANG: 'C.UTF-8',
    TMPDIR: dirs.temp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_SHA: run.headSha,
    GITHUB_REF: `refs/heads/${run.headBranch}`,
    GITHUB_REF_NAME: run.headBranch,
    GITHUB_REF_TYPE: 'branch',
    GITHUB_REPOSITORY: `${repo.owner}/${repo.name}`,
    GITHUB_REPOSITORY_OWNER: repo.owner,
    GITHUB_RUN_ID: String(run.id),
    GITHUB_RUN_NUMBER: String(run.runNumber),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: run.workflowName,
    GITHUB_JOB: job.key,
    GITHUB_EVENT_NAME: run.event,
    GITHUB_ACTOR: API_USER.login,
    GITHUB_WORKSPACE: dirs.workspace,
    GITHUB_SERVER_URL: options.baseUrl,
    GITHUB_API_URL: options.baseUrl,
    GITHUB_ENV: dirs.envFile,
    GITHUB_OUTPUT: dirs.outputFile,
    GITHUB_STEP_SUMMARY: dirs.summaryFile,
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: dirs.temp,
  };
}

interface RunDirs {
  readonly workspace: string;
  readonly home: string;
  readonly temp: string;
  readonly scripts: string;
  readonly envFile: string;
  readonly outputFile: string;
  readonly summaryFile: string;
}

/** KEY=VALUE lines a step wrote to $GITHUB_ENV (the heredoc form is not emulated). */
async function readEnvFile(path: string): Promise<Record<string, string>> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const equals = line.indexOf('=');
    if (equals > 0) env[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return env;
}

async function runStep(
  options: ExecuteRunOptions,
  dirs: RunDirs,
  step: WorkflowStep,
  record: StepRecord,
  env: Record<string, string>,
  scope: ExpressionScope,
): Promise<boolean> {
  const log = appender(record, options.now);
  if (step.uses !== undefined) {
    const [action = ''] = step.uses.split('@');
    if (action === 'actions/checkout') {
      log(
        `The simulator checked out ${options.run.headSha} into ${dirs.workspace} before the job started.\n`,
      );
      return true;
    }
    if (action === 'actions/setup-node') {
      log(`setup-node is a no-op in the simulator; using node from PATH.\n`);
      return true;
    }
    if (action === 'actions/upload-artifact') {
      const name = substituteExpressions(step.with.name ?? 'artifact', scope);
      const path = substituteExpressions(step.with.path ?? '', scope);
      const zipped = await zipArtifact(dirs.workspace, path);
      if (!zipped) {
        log(`Warning: No files were found with the provided path: ${path}. No artifacts will be uploaded.\n`);
        return true;
      }
      if (options.run.artifacts.some((artifact) => artifact.name === name)) {
        log(`Error: an artifact named ${name} already exists in this run.\n`);
        return false;
      }
      options.run.artifacts.push({
        id: options.nextId(),
        runId: options.run.id,
        name,
        sizeInBytes: zipped.zip.length,
        zip: zipped.zip,
        createdAt: timestamp(options.now),
      });
      log(`Uploaded ${zipped.files} file(s) as artifact ${name}.\n`);
      return true;
    }
    log(
      `Error: uses: ${step.uses} is not emulated by the GitHub simulator (only actions/checkout, actions/setup-node and actions/upload-artifact are).\n`,
    );
    return false;
  }
  const script = substituteExpressions(step.run ?? '', scope);
  const cwd = step['working-directory']
    ? join(dirs.workspace, substituteExpressions(step['working-directory'], scope))
    : dirs.workspace;
  const result = await runScript({
    script,
    scriptDir: dirs.scripts,
    cwd,
    env,
    signal: options.signal,
    onOutput: log,
  });
  log('\n');
  if (result.killed) return false;
  if (result.exitCode !== 0) log(`##[error]Process completed with exit code ${result.exitCode ?? 'null'}.\n`);
  return result.exitCode === 0;
}

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
  for (const [index, step] of job.steps.entries()) {
    const record_ = record.steps[index];
    if (!record_) continue;
    const condition = stepCondition(step.if);
    const isCancelled = options.signal.aborted;
    const shouldRun =
      condition === 'always' ||
      (condition === 'success' && !hasFailed && !isCancelled) ||
      (condition === 'failure' && hasFailed && !isCancelled) ||
      (condition === 'cancelled' && isCancelled);
    if (condition === undefined) {
      record_.status = 'completed';
      record_.conclusion = 'failure';
      record_.log += `Error: if: ${String(step.if)} is not emulated by the GitHub simulator.\n`;
      hasFailed = true;
      continue;
    }
    if (!shouldRun) {
      record_.status = 'completed';
      record_.conclusion = isCancelled ? 'cancelled' : 'skipped';
      continue;
    }
    record_.status = 'in_progress';
    record_.startedAt = timestamp(options.now);
    options.onProgress();
    const exported = await readEnvFile(dirs.envFile);
    const envBeforeStep = { ...options.workflow.env, ...job.env, ...exported };
    const scope: ExpressionScope = { inputs, github, env: envBeforeStep, runner };
    const stepEnv: Record<string, string> = { ...baseEnv(options, job, dirs) };
    for (const [key, value] of Object.entries({ ...options.workflow.env, ...job.env }))
      stepEnv[key] = substituteExpressions(value, scope);
    Object.assign(stepEnv, exported);
    for (const [key, value] of Object.entries(step.env)) stepEnv[key] = substituteExpressions(value, scope);
    const succeeded = await runStep(options, dirs, step, record_, stepEnv, { ...scope, env: stepEnv });
    record_.status = 'completed';
    record_.completedAt = timestamp(options.now);
    record_.conclusion = options.signal.aborted ? 'cancelled' : succeeded ? 'success' : 'failure';
    if (!succeeded && !step['continue-on-error']) hasFailed = true;
    options.onProgress();
  }
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
  };
  await Promise.all([
    mkdir(dirs.home, { recursive: true }),
    mkdir(dirs.temp, { recursive: true }),
    mkdir(dirs.scripts, { recursive: true }),
  ]);
  await Promise.all([writeFile(dirs.outputFile, ''), writeFile(dirs.summaryFile, '')]);
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
      conclusions.set(job.key, await runJob(options, dirs, job, record, run.inputs));
    }
    if (options.signal.aborted) return 'cancelled';
    return [...conclusions.values()].some((conclusion) => conclusion === 'failure') ? 'failure' : 'success';
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
