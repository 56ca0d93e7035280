import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { githubError } from './github-error.js';

const MAX_BODY_BYTES = 100 * 1024 * 1024;

export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw githubError(413, 'Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw githubError(400, 'Problems parsing JSON');
  }
}

/** Validates a request body; a failure answers 422 with GitHub's validation-error shape. */
export function validateBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.infer<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    resource: 'Request',
    field: issue.path.join('.'),
    code: issue.code === 'invalid_type' && issue.input === undefined ? 'missing_field' : 'invalid',
    message: issue.message,
  }));
  const fields = errors.map((error) => error.field || 'body').join(', ');
  throw githubError(422, `Invalid request.\n\nInvalid value for ${fields}.`, { errors });
}
