import { z } from 'zod';
import type { RouteHandler } from '../context.js';
import { decodeBase64 } from '../http/encoding.js';
import { notFound } from '../http/github-error.js';
import { validateBody } from '../http/read-body.js';
import { defineRoute } from '../http/router.js';
import { blobJson, repoApiUrl } from '../json/git-data-json.js';

const CreateBlobBody = z.object({
  content: z.string(),
  encoding: z.enum(['utf-8', 'utf8', 'base64']).default('utf-8'),
});

const createBlob: RouteHandler = async ({ core, repo, body }) => {
  const input = validateBody(CreateBlobBody, body);
  const bytes =
    input.encoding === 'base64' ? decodeBase64(input.content, 'content') : Buffer.from(input.content, 'utf8');
  const sha = await repo.git.writeBlob(bytes);
  return { status: 201, body: { url: `${repoApiUrl(core.base(), repo)}/git/blobs/${sha}`, sha } };
};

const getBlob: RouteHandler = async ({ core, repo, params }) => {
  const sha = params.file_sha ?? '';
  const object = /^[0-9a-f]{40}$/.test(sha) ? await repo.git.readObject(sha) : null;
  if (object?.type !== 'blob') throw notFound();
  return { status: 200, body: blobJson(core.base(), repo, object.sha, object.content) };
};

export const gitBlobRoutes = [
  defineRoute('POST', '/repos/{owner}/{repo}/git/blobs', createBlob),
  defineRoute('GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}', getBlob),
];
