import { z } from 'zod';
import type { RouteContext, RouteHandler } from '../context.js';
import type { TreeChange } from '../git/git-repository.js';
import { githubError, notFound } from '../http/github-error.js';
import { validateBody } from '../http/read-body.js';
import { defineRoute } from '../http/router.js';
import { treeJson } from '../json/git-data-json.js';
import { isFullSha, resolveCommitish } from '../resolve-ref.js';

const TreeEntryInput = z.object({
  path: z.string().min(1),
  mode: z.enum(['100644', '100755', '040000', '160000', '120000']),
  type: z.enum(['blob', 'tree', 'commit']),
  sha: z.string().nullable().optional(),
  content: z.string().optional(),
});

const CreateTreeBody = z.object({
  tree: z.array(TreeEntryInput),
  base_tree: z.string().optional(),
});

function invalidTree(message: string): Error {
  return githubError(422, message, {
    errors: [{ resource: 'Tree', field: 'tree', code: 'invalid', message }],
  });
}

async function toChange(context: RouteContext, entry: z.infer<typeof TreeEntryInput>): Promise<TreeChange> {
  const path = entry.path;
  if (
    path.startsWith('/') ||
    path.endsWith('/') ||
    /[\n\0]/.test(path) ||
    path.split('/').some((part) => part === '' || part === '.' || part === '..' || part === '.git')
  ) {
    throw invalidTree(`tree.path contains a malformed path component: ${path}`);
  }
  const expectedType = entry.mode === '040000' ? 'tree' : entry.mode === '160000' ? 'commit' : 'blob';
  if (entry.type !== expectedType)
    throw invalidTree(`tree.mode ${entry.mode} does not match tree.type ${entry.type}`);
  if (entry.content !== undefined) {
    if (entry.type !== 'blob') throw invalidTree('tree.content is only allowed for blobs');
    const sha = await context.repo.git.writeBlob(Buffer.from(entry.content, 'utf8'));
    return { path, mode: entry.mode, type: 'blob', sha };
  }
  if (entry.sha === null) return { path, sha: null };
  if (entry.sha === undefined) throw invalidTree(`tree.sha or tree.content is required for ${path}`);
  if (entry.type !== 'commit') {
    const object = isFullSha(entry.sha) ? await context.repo.git.readObject(entry.sha) : null;
    if (object?.type !== entry.type) throw invalidTree(`tree.sha ${entry.sha} is not a valid ${entry.type}`);
  }
  return { path, mode: entry.mode, type: entry.type, sha: entry.sha };
}

const createTree: RouteHandler = async (context) => {
  const input = validateBody(CreateTreeBody, context.body);
  let baseTree: string | null = null;
  if (input.base_tree !== undefined) {
    const object = isFullSha(input.base_tree)
      ? await context.repo.git.readObject(`${input.base_tree}^{tree}`)
      : null;
    if (!object) throw invalidTree('base_tree is not a valid tree oid');
    baseTree = object.sha;
  }
  const changes: TreeChange[] = [];
  for (const entry of input.tree) changes.push(await toChange(context, entry));
  const sha = await context.repo.git.writeTree(baseTree, changes);
  const entries = await context.repo.git.lsTree(sha, false);
  return {
    status: 201,
    body: treeJson(context.core.base(), context.repo, sha, entries, context.core.treeLimits),
  };
};

const getTree: RouteHandler = async (context) => {
  const name = context.params.tree_sha ?? '';
  let object = isFullSha(name) ? await context.repo.git.readObject(`${name}^{tree}`) : null;
  if (!object && !isFullSha(name)) {
    const commit = await resolveCommitish(context.repo, name);
    object = commit ? await context.repo.git.readObject(`${commit}^{tree}`) : null;
  }
  if (!object) throw notFound();
  const recursive = ['1', 'true'].includes(context.url.searchParams.get('recursive') ?? '');
  const entries = await context.repo.git.lsTree(object.sha, recursive);
  return {
    status: 200,
    body: treeJson(
      context.core.base(),
      context.repo,
      object.sha,
      entries,
      context.core.treeLimits,
      context.forceTreeTruncation,
    ),
  };
};

export const gitTreeRoutes = [
  defineRoute('POST', '/repos/{owner}/{repo}/git/trees', createTree),
  defineRoute('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', getTree),
];
