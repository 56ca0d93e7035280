// What a run's steps share: options, directories, the step environment and log formatting.
import { readFile } from 'node:fs/promises';
import { API_USER } from '../json/user-json.js';
import type { RepoState } from '../state.js';
import type { StepRecord, WorkflowRunRecord } from '../types.js';
import { parseCommandFile } from './parse-command-file.js';
import type { WorkflowFile, WorkflowJob } from './workflow-file.js';

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
  /** The repository's Actions cache entries (shared by its runs). */
  readonly cacheDir: string;
}

export interface RunDirs {
  readonly workspace: string;
  readonly home: string;
  readonly temp: string;
  readonly scripts: string;
  readonly envFile: string;
  readonly outputFile: string;
  readonly summaryFile: string;
  /** `$GITHUB_PATH`: directories steps add to PATH for the steps after them. */
  readonly pathFile: string;
  /** Where emulated setup actions put the programs they provide (the runner's tool cache). */
  readonly tools: string;
}

/** KEY=VALUE lines a step wrote to $GITHUB_ENV (the heredoc form is not emulated). */
export function timestamp(now: () => number): string {
  return new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Appends output to a step log the way GitHub stores it: each line prefixed with a 7-digit-fraction timestamp. */
export function appender(step: StepRecord, now: () => number): (text: string) => void {
  let pending = '';
  return (text) => {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    const stamp = new Date(now()).toISOString().replace('Z', '0000Z');
    for (const line of lines) step.log += `${stamp} ${line}\n`;
  };
}

export function baseEnv(options: ExecuteRunOptions, job: WorkflowJob, dirs: RunDirs): Record<string, string> {
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
    GITHUB_PATH: dirs.pathFile,
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: dirs.temp,
  };
}

export async function readEnvFile(path: string): Promise<Record<string, string>> {
  return parseCommandFile(await readFile(path, 'utf8').catch(() => ''));
}

/** PATH with the directories earlier steps added through `$GITHUB_PATH` in front, the latest first. */
export async function pathWithAdditions(pathFile: string, path: string): Promise<string> {
  const added = (await readFile(pathFile, 'utf8').catch(() => ''))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return [...added.reverse(), path].join(':');
}
