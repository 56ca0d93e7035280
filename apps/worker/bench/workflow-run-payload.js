// A `workflow_run` completed delivery as large as GitHub's (about 30 KB): every property GitHub's
// own webhook schema (@octokit/openapi) lists is filled, so the bench parses and verifies bodies
// of the real size, not a 300-byte sketch of one.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const description = JSON.parse(
  readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.deref.json'), 'utf8'),
);
const schema = (description.webhooks ?? description['x-webhooks'])['workflow-run-completed'].post.requestBody
  .content['application/json'].schema;

function sample(node, name, depth) {
  if (!node) return null;
  if (node.allOf) return Object.assign({}, ...node.allOf.map((part) => sample(part, name, depth)));
  const choices = node.anyOf ?? node.oneOf;
  if (choices) return sample(choices.find((choice) => choice.type !== 'null') ?? choices[0], name, depth);
  if (node.enum) return node.enum.find((value) => value !== null) ?? null;
  const type = Array.isArray(node.type) ? node.type.find((entry) => entry !== 'null') : node.type;
  if (type === 'object' || node.properties) {
    if (depth > 6) return {};
    return Object.fromEntries(
      Object.entries(node.properties ?? {}).map(([key, child]) => [key, sample(child, key, depth + 1)]),
    );
  }
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return 123456789;
  if (type === 'boolean') return false;
  if (node.format === 'date-time') return '2026-11-25T15:43:19Z';
  if (node.format === 'uri' || name.endsWith('url'))
    return `https://api.github.com/repos/octo/app/${name.replace(/_url$/, '')}{/number}`;
  return `${name}-value`;
}

const { enterprise: _enterprise, ...template } = sample(schema, '', 0);

/** A failed run of `octo/app`'s CI at `headSha`, from installation 1. */
export function workflowRunPayload({ runId, headSha }) {
  return {
    ...template,
    action: 'completed',
    installation: { ...template.installation, id: 1 },
    repository: { ...template.repository, full_name: 'octo/app', default_branch: 'main', fork: false },
    workflow_run: {
      ...template.workflow_run,
      id: runId,
      name: 'CI',
      path: '.github/workflows/ci.yml',
      head_branch: 'main',
      head_sha: headSha,
      run_attempt: 1,
      status: 'completed',
      conclusion: 'failure',
      html_url: `https://github.com/octo/app/actions/runs/${runId}`,
      head_repository: { ...template.workflow_run.head_repository, full_name: 'octo/app', fork: false },
    },
  };
}
