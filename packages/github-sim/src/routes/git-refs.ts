import { isHealingError } from '@healing/adapters';
import { z } from 'zod';
import type { RouteContext, RouteHandler } from '../context.js';
import { githubError, notFound } from '../http/github-error.js';
import { validateBody } from '../http/read-body.js';
import { defineRoute } from '../http/router.js';
import { gitRefJson } from '../json/git-data-json.js';
import { isFullSha } from '../resolve-ref.js';

const CreateRefBody = z.object({ ref: z.string(), sha: z.string(), key: z.string().optional() });
const UpdateRefBody = z.object({ sha: z.string(), force: z.boolean().default(false) });

async function objectType(context: RouteContext, sha: string): Promise<string | null> {
  const object = isFullSha(sha) ? await context.repo.git.readObject(sha) : null;
  return object?.type ?? null;
}

function fullRef(param: string | undefined): string {
  return `refs/${param ?? ''}`;
}

const getRef: RouteHandler = async (context) => {
  const ref = fullRef(context.params.ref);
  // Read through the long-lived cat-file process; only full ref names (`refs/<kind>/<name>`) resolve.
  const target = ref.split('/').length >= 3 ? await context.repo.git.readObject(ref) : null;
  if (!target) throw notFound();
  return { status: 200, body: gitRefJson(context.core.base(), context.repo, ref, target.sha, target.type) };
};

const listMatchingRefs: RouteHandler = async (context) => {
  const prefix = fullRef(context.params.ref);
  const refs = (await context.repo.git.listRefs('refs/')).filter((candidate) =>
    candidate.ref.startsWith(prefix),
  );
  return {
    status: 200,
    body: refs.map((ref) => gitRefJson(context.core.base(), context.repo, ref.ref, ref.sha, ref.type)),
  };
};

const createRef: RouteHandler = async (context) => {
  const input = validateBody(CreateRefBody, context.body);
  if (!input.ref.startsWith('refs/') || input.ref.split('/').length < 3) {
    throw githubError(422, "Reference name must start with 'refs/' and have at least two slashes.");
  }
  const type = await objectType(context, input.sha);
  if (!type) throw githubError(422, 'Object does not exist');
  try {
    await context.repo.git.updateRef(input.ref, input.sha, null);
  } catch (error) {
    if (isHealingError(error, 'VERSION_CONFLICT')) throw githubError(422, 'Reference already exists');
    throw error;
  }
  if (input.ref.startsWith('refs/heads/'))
    context.core.branchMoved(context.repo, input.ref, null, input.sha, context.principal.user);
  return { status: 201, body: gitRefJson(context.core.base(), context.repo, input.ref, input.sha, type) };
};

const updateRef: RouteHandler = async (context) => {
  const input = validateBody(UpdateRefBody, context.body);
  const ref = fullRef(context.params.ref);
  const current = await context.repo.git.resolveRef(ref);
  if (!current) throw githubError(422, 'Reference does not exist');
  const type = await objectType(context, input.sha);
  if (!type) throw githubError(422, 'Object does not exist');
  if (!input.force && current !== input.sha && !(await context.repo.git.isAncestor(current, input.sha))) {
    throw githubError(422, 'Update is not a fast forward');
  }
  try {
    await context.repo.git.updateRef(ref, input.sha, current);
  } catch (error) {
    // The ref moved between our check and our write: exactly what GitHub reports for a lost race.
    if (isHealingError(error, 'VERSION_CONFLICT')) throw githubError(422, 'Update is not a fast forward');
    throw error;
  }
  if (ref.startsWith('refs/heads/') && current !== input.sha) {
    context.core.branchMoved(context.repo, ref, current, input.sha, context.principal.user);
  }
  return { status: 200, body: gitRefJson(context.core.base(), context.repo, ref, input.sha, type) };
};

const deleteRef: RouteHandler = async (context) => {
  const ref = fullRef(context.params.ref);
  const current = await context.repo.git.resolveRef(ref);
  if (!current) throw githubError(422, 'Reference does not exist');
  await context.repo.git.deleteRef(ref, current);
  if (ref.startsWith('refs/heads/'))
    context.core.branchMoved(context.repo, ref, current, null, context.principal.user);
  return { status: 204 };
};

export const gitRefRoutes = [
  defineRoute('GET', '/repos/{owner}/{repo}/git/ref/{ref*}', getRef),
  defineRoute('GET', '/repos/{owner}/{repo}/git/matching-refs/{ref*}', listMatchingRefs),
  defineRoute('POST', '/repos/{owner}/{repo}/git/refs', createRef),
  defineRoute('PATCH', '/repos/{owner}/{repo}/git/refs/{ref*}', updateRef),
  defineRoute('DELETE', '/repos/{owner}/{repo}/git/refs/{ref*}', deleteRef),
];
