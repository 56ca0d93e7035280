import { join } from 'node:path';
import { HealingError } from '@healing/adapters';
import { API_USER } from '../json/user-json.js';
import { isoNow, type RepoState } from '../state.js';
import type { JobRecord, WorkflowRunRecord } from '../types.js';
import { executeRun, stepRecords } from './execute-run.js';
import { substituteExpressions } from './expressions.js';
import type { LoadedWorkflow } from './workflow-catalog.js';

export type RunAction = 'requested' | 'in_progress' | 'completed';

export interface ActionsEngineOptions {
  readonly dataDir: string;
  readonly maxConcurrentRuns: number;
  readonly runTimeoutMs: number;
  readonly now: () => number;
  readonly nextId: () => number;
  readonly baseUrl: () => string;
  /** Told of each run's status change, for workflow_run webhooks. */
  readonly onRunChanged: (repo: RepoState, run: WorkflowRunRecord, action: RunAction) => void;
}

export interface StartRunInput {
  readonly repo: RepoState;
  readonly workflow: LoadedWorkflow;
  readonly event: 'workflow_dispatch' | 'push';
  readonly branch: string;
  readonly sha: string;
  readonly inputs: Readonly<Record<string, string>>;
}

export interface ActionsEngine {
  /** Queues a run and returns its record at once (status queued). */
  start(input: StartRunInput): WorkflowRunRecord;
  /** Starts the run after `delayMs` (unless the engine stops first). */
  startLater(input: StartRunInput, delayMs: number): void;
  /** False when the run had already completed. */
  cancel(run: WorkflowRunRecord): boolean;
  waitFor(run: WorkflowRunRecord, timeoutMs: number): Promise<WorkflowRunRecord>;
  /** Cancels everything and waits until every process has exited and every checkout is gone. */
  stop(): Promise<void>;
}

/** The run's title: `run-name:` evaluated, or as written if it cannot be (GitHub would refuse the file). */
function displayTitleOf(input: StartRunInput, runNumber: number): string {
  const runName = input.workflow.file.runName;
  if (runName === undefined) return input.workflow.file.name;
  try {
    return substituteExpressions(runName, runNameScope(input, runNumber));
  } catch {
    return runName;
  }
}

function runNameScope(input: StartRunInput, runNumber: number) {
  const github = {
    sha: input.sha,
    ref: `refs/heads/${input.branch}`,
    ref_name: input.branch,
    event_name: input.event,
    actor: API_USER.login,
    repository: `${input.repo.owner}/${input.repo.name}`,
    repository_owner: input.repo.owner,
    run_number: String(runNumber),
    workflow: input.workflow.file.name,
  };
  return { inputs: input.inputs, github, env: {}, runner: {} };
}

interface Pending {
  readonly input: StartRunInput;
  readonly run: WorkflowRunRecord;
}

/** Queues workflow runs, runs at most `maxConcurrentRuns` at a time, each bounded by `runTimeoutMs`. */
export function createActionsEngine(options: ActionsEngineOptions): ActionsEngine {
  const queue: Pending[] = [];
  const active = new Map<WorkflowRunRecord, { controller: AbortController; done: Promise<void> }>();
  const waiters = new Map<WorkflowRunRecord, Array<() => void>>();
  const runNumbers = new Map<string, number>();
  let isStopped = false;
  const delayed = new Set<NodeJS.Timeout>();

  function finish(
    repo: RepoState,
    run: WorkflowRunRecord,
    conclusion: WorkflowRunRecord['conclusion'],
  ): void {
    run.status = 'completed';
    run.conclusion = conclusion;
    run.updatedAt = isoNow(options.now);
    for (const job of run.jobs) markCancelledIfOpen(job, conclusion);
    options.onRunChanged(repo, run, 'completed');
    for (const wake of waiters.get(run) ?? []) wake();
    waiters.delete(run);
  }

  function markCancelledIfOpen(job: JobRecord, conclusion: WorkflowRunRecord['conclusion']): void {
    if (job.status === 'completed' || conclusion !== 'cancelled') return;
    job.status = 'completed';
    job.conclusion = 'cancelled';
    for (const step of job.steps) {
      if (step.status !== 'completed') {
        step.status = 'completed';
        step.conclusion = 'cancelled';
      }
    }
  }

  function pump(): void {
    while (!isStopped && active.size < options.maxConcurrentRuns && queue.length > 0) {
      const next = queue.shift();
      if (next) launch(next);
    }
  }

  function launch({ input, run }: Pending): void {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('run timed out')), options.runTimeoutMs);
    run.status = 'in_progress';
    run.runStartedAt = isoNow(options.now);
    run.updatedAt = run.runStartedAt;
    options.onRunChanged(input.repo, run, 'in_progress');
    const done = executeRun({
      repo: input.repo,
      run,
      workflow: input.workflow.file,
      runDir: join(options.dataDir, 'runs', String(run.id)),
      cacheDir: join(options.dataDir, 'actions-cache', input.repo.owner, input.repo.name),
      baseUrl: options.baseUrl(),
      signal: controller.signal,
      now: options.now,
      nextId: options.nextId,
      onProgress: () => {
        run.updatedAt = isoNow(options.now);
      },
    })
      .catch((error: unknown) => {
        const job = run.jobs[0];
        const step = job?.steps[0];
        if (step)
          step.log += `The simulator could not run this workflow: ${error instanceof Error ? error.message : String(error)}\n`;
        return 'failure' as const;
      })
      .then((conclusion) => {
        clearTimeout(timer);
        active.delete(run);
        finish(input.repo, run, controller.signal.aborted ? 'cancelled' : conclusion);
        pump();
      });
    active.set(run, { controller, done });
  }

  const engine: ActionsEngine = {
    start(input) {
      if (isStopped)
        throw new HealingError('UNSUPPORTED', 'the simulator is stopping; no new workflow runs start');
      const key = `${input.repo.owner}/${input.repo.name}/${input.workflow.path}`;
      const runNumber = (runNumbers.get(key) ?? 0) + 1;
      runNumbers.set(key, runNumber);
      const createdAt = isoNow(options.now);
      const file = input.workflow.file;
      const run: WorkflowRunRecord = {
        id: options.nextId(),
        runNumber,
        owner: input.repo.owner,
        repo: input.repo.name,
        workflowId: input.workflow.id,
        workflowPath: input.workflow.path,
        workflowName: file.name,
        displayTitle: displayTitleOf(input, runNumber),
        event: input.event,
        headSha: input.sha,
        headBranch: input.branch,
        inputs: input.inputs,
        status: 'queued',
        conclusion: null,
        createdAt,
        updatedAt: createdAt,
        runStartedAt: null,
        jobs: file.jobs.map((job) => ({
          id: options.nextId(),
          name: job.name ?? job.key,
          status: 'queued',
          conclusion: null,
          startedAt: null,
          completedAt: null,
          steps: stepRecords(job),
        })),
        artifacts: [],
      };
      input.repo.runs.push(run);
      options.onRunChanged(input.repo, run, 'requested');
      queue.push({ input, run });
      pump();
      return run;
    },
    startLater(input, delayMs) {
      const timer = setTimeout(() => {
        delayed.delete(timer);
        if (!isStopped) engine.start(input);
      }, delayMs);
      delayed.add(timer);
    },
    cancel(run) {
      if (run.status === 'completed') return false;
      const index = queue.findIndex((pending) => pending.run === run);
      if (index >= 0) {
        const [pending] = queue.splice(index, 1);
        if (pending) finish(pending.input.repo, run, 'cancelled');
        return true;
      }
      active.get(run)?.controller.abort(new Error('cancelled'));
      return true;
    },
    waitFor(run, timeoutMs) {
      if (run.status === 'completed') return Promise.resolve(run);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(
            new HealingError(
              'COMMAND_TIMEOUT',
              `workflow run ${run.id} did not complete within ${timeoutMs} ms; it is ${run.status}`,
            ),
          );
        }, timeoutMs);
        const list = waiters.get(run) ?? [];
        list.push(() => {
          clearTimeout(timer);
          resolve(run);
        });
        waiters.set(run, list);
      });
    },
    async stop() {
      isStopped = true;
      for (const timer of delayed) clearTimeout(timer);
      delayed.clear();
      for (const pending of queue.splice(0)) finish(pending.input.repo, pending.run, 'cancelled');
      for (const { controller } of active.values()) controller.abort(new Error('simulator stopped'));
      await Promise.all([...active.values()].map(({ done }) => done));
    },
  };
  return engine;
}
