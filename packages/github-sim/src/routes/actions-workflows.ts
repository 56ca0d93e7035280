import { z } from 'zod';
import { listWorkflowPaths, loadWorkflow, workflowPathFor } from '../actions/workflow-catalog.js';
import type { RouteContext, RouteHandler } from '../context.js';
import { githubError, notFound } from '../http/github-error.js';
import { paginate } from '../http/paginate.js';
import { validateBody } from '../http/read-body.js';
import { defineRoute } from '../http/router.js';
import { workflowJson } from '../json/actions-json.js';
import { branchHead, resolveCommitish } from '../resolve-ref.js';

const DispatchBody = z.object({
  ref: z.string().min(1),
  inputs: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
    .refine((inputs) => Object.keys(inputs).length <= 25, 'at most 25 inputs')
    .default({}),
  return_run_details: z.boolean().default(false),
});

async function defaultHead(context: RouteContext): Promise<string> {
  const head = await branchHead(context.repo, context.repo.defaultBranch);
  if (!head) throw notFound();
  return head;
}

/** The path of the workflow `workflow_id` (id or file name) names among those at `commit`. */
async function workflowAt(context: RouteContext, commit: string): Promise<string | undefined> {
  const paths = await listWorkflowPaths(context.repo, commit);
  return workflowPathFor(context.repo, paths, context.params.workflow_id ?? '');
}

const listWorkflows: RouteHandler = async (context) => {
  const head = await defaultHead(context);
  const workflows = [];
  for (const path of await listWorkflowPaths(context.repo, head)) {
    const loaded = await loadWorkflow(
      context.repo,
      head,
      path,
      context.core.nextId,
      context.repo.createdAt,
    ).catch(() => null);
    if (loaded) workflows.push(workflowJson(context.core.base(), context.repo, loaded));
  }
  const page = paginate(workflows, context.url);
  return { status: 200, body: { total_count: workflows.length, workflows: page.items }, link: page.link };
};

const getWorkflow: RouteHandler = async (context) => {
  const head = await defaultHead(context);
  await listWorkflowsIds(context, head);
  const path = await workflowAt(context, head);
  const loaded = path
    ? await loadWorkflow(context.repo, head, path, context.core.nextId, context.repo.createdAt)
    : null;
  if (!loaded) throw notFound();
  return { status: 200, body: workflowJson(context.core.base(), context.repo, loaded) };
};

/** Gives every workflow on the default branch its id, so numeric `workflow_id`s resolve. */
async function listWorkflowsIds(context: RouteContext, head: string): Promise<void> {
  for (const path of await listWorkflowPaths(context.repo, head)) {
    await loadWorkflow(context.repo, head, path, context.core.nextId, context.repo.createdAt).catch(
      () => null,
    );
  }
}

const dispatch: RouteHandler = async (context) => {
  const input = validateBody(DispatchBody, context.body);
  const { repo, core } = context;
  // GitHub accepts a branch or a tag name (or their full ref names).
  const branch = input.ref.replace(/^refs\/(heads|tags)\//, '');
  const sha = await resolveCommitish(repo, input.ref.startsWith('refs/') ? input.ref : branch);
  if (!sha) throw githubError(422, `No ref found for: ${input.ref}`);
  await listWorkflowsIds(context, await defaultHead(context));
  const path = await workflowAt(context, sha);
  if (!path) throw notFound();
  const workflow = await loadWorkflow(repo, sha, path, core.nextId, repo.createdAt).catch(
    (error: unknown) => {
      throw githubError(422, error instanceof Error ? error.message : String(error));
    },
  );
  if (!workflow) throw notFound();
  const declared = workflow.file.dispatchInputs;
  if (!declared) throw githubError(422, "Workflow does not have 'workflow_dispatch' trigger");
  const unexpected = Object.keys(input.inputs).filter((name) => !(name in declared));
  if (unexpected.length > 0)
    throw githubError(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(declared)) {
    const given = input.inputs[name];
    if (given === undefined && spec.required && spec.default === undefined) {
      throw githubError(422, `Required input '${name}' not provided`);
    }
    inputs[name] = given === undefined ? (spec.default ?? '') : String(given);
  }
  const start = { repo, workflow, event: 'workflow_dispatch' as const, branch, sha, inputs };
  if (!input.return_run_details && core.dispatchDelayMs > 0) {
    core.actions.startLater(start, core.dispatchDelayMs);
    return { status: 204 };
  }
  const run = core.actions.start(start);
  if (!input.return_run_details) return { status: 204 };
  const base = core.base();
  return {
    status: 200,
    body: {
      workflow_run_id: run.id,
      run_url: `${base}/repos/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
      html_url: `${base}/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
    },
  };
};

export const workflowRoutes = [
  defineRoute('GET', '/repos/{owner}/{repo}/actions/workflows', listWorkflows),
  defineRoute('GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}', getWorkflow),
  defineRoute('POST', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', dispatch),
];
