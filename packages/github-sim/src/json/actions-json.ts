import type { ParsedCommit } from '../git/parse-commit.js';
import type { RepoState } from '../state.js';
import type { ArtifactRecord, JobRecord, WorkflowRunRecord } from '../types.js';
import { minimalRepositoryJson } from './repository-json.js';
import { API_USER, nodeId, userJson } from './user-json.js';

export interface WorkflowInfo {
  readonly id: number;
  readonly name: string;
  readonly path: string;
  readonly createdAt: string;
}

function actionsUrl(base: string, repo: RepoState): string {
  return `${base}/repos/${repo.owner}/${repo.name}/actions`;
}

export function workflowJson(base: string, repo: RepoState, workflow: WorkflowInfo) {
  const file = workflow.path.split('/').pop() ?? workflow.path;
  return {
    id: workflow.id,
    node_id: nodeId('Workflow', workflow.id),
    name: workflow.name,
    path: workflow.path,
    state: 'active',
    created_at: workflow.createdAt,
    updated_at: workflow.createdAt,
    url: `${actionsUrl(base, repo)}/workflows/${workflow.id}`,
    html_url: `${base}/${repo.owner}/${repo.name}/blob/${repo.defaultBranch}/${workflow.path}`,
    badge_url: `${base}/${repo.owner}/${repo.name}/workflows/${file}/badge.svg`,
  };
}

export function workflowRunJson(
  base: string,
  repo: RepoState,
  run: WorkflowRunRecord,
  head: ParsedCommit | null,
) {
  const url = `${actionsUrl(base, repo)}/runs/${run.id}`;
  const actor = userJson(base, API_USER.login, API_USER.id);
  const repository = minimalRepositoryJson(base, repo);
  return {
    id: run.id,
    name: run.workflowName,
    node_id: nodeId('WorkflowRun', run.id),
    check_suite_id: run.id + 1,
    check_suite_node_id: nodeId('CheckSuite', run.id + 1),
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: run.workflowPath,
    display_title: run.displayTitle,
    run_number: run.runNumber,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: run.workflowId,
    url,
    html_url: `${base}/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.updatedAt,
    actor,
    triggering_actor: actor,
    run_attempt: 1,
    referenced_workflows: [],
    run_started_at: run.runStartedAt ?? run.createdAt,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${base}/repos/${repo.owner}/${repo.name}/check-suites/${run.id + 1}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    previous_attempt_url: null,
    workflow_url: `${actionsUrl(base, repo)}/workflows/${run.workflowId}`,
    head_commit: head
      ? {
          id: run.headSha,
          tree_id: head.tree,
          message: head.message,
          timestamp: head.committer.date,
          author: { name: head.author.name, email: head.author.email },
          committer: { name: head.committer.name, email: head.committer.email },
        }
      : null,
    repository,
    head_repository: repository,
  };
}

export function jobJson(base: string, repo: RepoState, run: WorkflowRunRecord, job: JobRecord) {
  const url = `${actionsUrl(base, repo)}/jobs/${job.id}`;
  return {
    id: job.id,
    run_id: run.id,
    run_url: `${actionsUrl(base, repo)}/runs/${run.id}`,
    run_attempt: 1,
    node_id: nodeId('CheckRun', job.id),
    head_sha: run.headSha,
    url,
    html_url: `${base}/${repo.owner}/${repo.name}/actions/runs/${run.id}/job/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: run.createdAt,
    started_at: job.startedAt ?? run.createdAt,
    completed_at: job.completedAt,
    name: job.name,
    steps: job.steps.map((step) => ({
      name: step.name,
      status: step.status,
      conclusion: step.conclusion,
      number: step.number,
      started_at: step.startedAt,
      completed_at: step.completedAt,
    })),
    check_run_url: `${base}/repos/${repo.owner}/${repo.name}/check-runs/${job.id}`,
    labels: ['ubuntu-latest'],
    runner_id: job.status === 'queued' ? null : 1,
    runner_name: job.status === 'queued' ? null : 'github-sim-runner',
    runner_group_id: job.status === 'queued' ? null : 1,
    runner_group_name: job.status === 'queued' ? null : 'github-sim',
    workflow_name: run.workflowName,
    head_branch: run.headBranch,
  };
}

/** Artifacts expire after 90 days on GitHub. */
const RETENTION_MS = 90 * 24 * 3600 * 1000;

export function artifactJson(
  base: string,
  repo: RepoState,
  run: WorkflowRunRecord,
  artifact: ArtifactRecord,
) {
  const url = `${actionsUrl(base, repo)}/artifacts/${artifact.id}`;
  return {
    id: artifact.id,
    node_id: nodeId('Artifact', artifact.id),
    name: artifact.name,
    size_in_bytes: artifact.sizeInBytes,
    url,
    archive_download_url: `${url}/zip`,
    expired: false,
    created_at: artifact.createdAt,
    updated_at: artifact.createdAt,
    expires_at: new Date(Date.parse(artifact.createdAt) + RETENTION_MS)
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    workflow_run: {
      id: run.id,
      repository_id: repo.id,
      head_repository_id: repo.id,
      head_branch: run.headBranch,
      head_sha: run.headSha,
    },
  };
}
