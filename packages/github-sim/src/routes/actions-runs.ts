import { runLogsZip } from '../actions/logs-zip.js';
import type { RouteContext, RouteHandler } from '../context.js';
import { githubError, notFound } from '../http/github-error.js';
import { paginate } from '../http/paginate.js';
import { defineRoute } from '../http/router.js';
import { artifactJson, jobJson, workflowRunJson } from '../json/actions-json.js';
import type { WorkflowRunRecord } from '../types.js';

function findRun(context: RouteContext): WorkflowRunRecord {
  const id = Number(context.params.run_id);
  const run = context.repo.runs.find((candidate) => candidate.id === id);
  if (!run) throw notFound();
  return run;
}

async function runJson(context: RouteContext, run: WorkflowRunRecord) {
  return workflowRunJson(
    context.core.base(),
    context.repo,
    run,
    await context.repo.git.readCommit(run.headSha),
  );
}

function matchesFilters(run: WorkflowRunRecord, query: URLSearchParams): boolean {
  const status = query.get('status');
  if (status !== null && run.status !== status && run.conclusion !== status) return false;
  const checks: Array<[string, string]> = [
    ['event', run.event],
    ['branch', run.headBranch],
    ['head_sha', run.headSha],
  ];
  return checks.every(([name, value]) => query.get(name) === null || query.get(name) === value);
}

async function listRunsOf(context: RouteContext, runs: readonly WorkflowRunRecord[]) {
  const matching = runs.filter((run) => matchesFilters(run, context.url.searchParams)).reverse();
  const page = paginate(matching, context.url);
  const items = [];
  for (const run of page.items) items.push(await runJson(context, run));
  return { status: 200, body: { total_count: matching.length, workflow_runs: items }, link: page.link };
}

const listRuns: RouteHandler = async (context) => listRunsOf(context, context.repo.runs);

const listWorkflowRuns: RouteHandler = async (context) => {
  const key = context.params.workflow_id ?? '';
  const runs = context.repo.runs.filter(
    (run) => String(run.workflowId) === key || run.workflowPath === `.github/workflows/${key}`,
  );
  return listRunsOf(context, runs);
};

const getRun: RouteHandler = async (context) => ({
  status: 200,
  body: await runJson(context, findRun(context)),
});

const listJobs: RouteHandler = async (context) => {
  const run = findRun(context);
  const page = paginate(run.jobs, context.url);
  return {
    status: 200,
    body: {
      total_count: run.jobs.length,
      jobs: page.items.map((job) => jobJson(context.core.base(), context.repo, run, job)),
    },
    link: page.link,
  };
};

function findJob(context: RouteContext) {
  const id = Number(context.params.job_id);
  for (const run of context.repo.runs) {
    const job = run.jobs.find((candidate) => candidate.id === id);
    if (job) return { run, job };
  }
  throw notFound();
}

const getJob: RouteHandler = async (context) => {
  const { run, job } = findJob(context);
  return { status: 200, body: jobJson(context.core.base(), context.repo, run, job) };
};

const downloadJobLogs: RouteHandler = async (context) => {
  const { job } = findJob(context);
  const location = context.core.registerDownload(() => ({
    bytes: Buffer.from(job.steps.map((step) => step.log).join('')),
    contentType: 'text/plain; charset=utf-8',
  }));
  return { status: 302, headers: { location } };
};

const downloadRunLogs: RouteHandler = async (context) => {
  const run = findRun(context);
  const location = context.core.registerDownload(() => ({
    bytes: runLogsZip(run),
    contentType: 'application/zip',
  }));
  return { status: 302, headers: { location } };
};

const cancelRun: RouteHandler = async (context) => {
  const run = findRun(context);
  if (!context.core.actions.cancel(run))
    throw githubError(409, 'Cannot cancel a workflow run that is completed.');
  return { status: 202, body: {} };
};

const listRunArtifacts: RouteHandler = async (context) => {
  const run = findRun(context);
  const name = context.url.searchParams.get('name');
  const artifacts = run.artifacts.filter((artifact) => name === null || artifact.name === name);
  const page = paginate(artifacts, context.url);
  return {
    status: 200,
    body: {
      total_count: artifacts.length,
      artifacts: page.items.map((artifact) => artifactJson(context.core.base(), context.repo, run, artifact)),
    },
    link: page.link,
  };
};

function findArtifact(context: RouteContext) {
  const id = Number(context.params.artifact_id);
  for (const run of context.repo.runs) {
    const artifact = run.artifacts.find((candidate) => candidate.id === id);
    if (artifact) return { run, artifact };
  }
  throw notFound();
}

const getArtifact: RouteHandler = async (context) => {
  const { run, artifact } = findArtifact(context);
  return { status: 200, body: artifactJson(context.core.base(), context.repo, run, artifact) };
};

const downloadArtifact: RouteHandler = async (context) => {
  if (context.params.archive_format !== 'zip') throw notFound();
  const { artifact } = findArtifact(context);
  const location = context.core.registerDownload(() => ({
    bytes: artifact.zip,
    contentType: 'application/zip',
  }));
  return { status: 302, headers: { location } };
};

export const runRoutes = [
  defineRoute('GET', '/repos/{owner}/{repo}/actions/runs', listRuns),
  defineRoute('GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', listWorkflowRuns),
  defineRoute('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}', getRun),
  defineRoute('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/jobs', listJobs),
  defineRoute('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/logs', downloadRunLogs),
  defineRoute('POST', '/repos/{owner}/{repo}/actions/runs/{run_id}/cancel', cancelRun),
  defineRoute('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}/artifacts', listRunArtifacts),
  defineRoute('GET', '/repos/{owner}/{repo}/actions/jobs/{job_id}', getJob),
  defineRoute('GET', '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs', downloadJobLogs),
  defineRoute('GET', '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}', getArtifact),
  defineRoute(
    'GET',
    '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
    downloadArtifact,
  ),
];
