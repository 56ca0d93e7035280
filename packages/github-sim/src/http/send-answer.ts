import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly binary?: { readonly bytes: Uint8Array; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Writes an answer. A GET 200 carries a weak ETag of its body, and a request whose
 * If-None-Match names it gets 304 with no body, as GitHub's conditional requests do.
 * Returns the status actually sent.
 */
export function sendAnswer(
  request: IncomingMessage,
  response: ServerResponse,
  answer: Answer,
  headersFor: (status: number) => Record<string, string>,
): number {
  const isJson =
    answer.binary === undefined &&
    answer.body !== undefined &&
    answer.status !== 204 &&
    answer.status !== 304;
  const payload = answer.binary
    ? Buffer.from(answer.binary.bytes)
    : isJson
      ? Buffer.from(JSON.stringify(answer.body))
      : Buffer.alloc(0);
  const allHeaders: Record<string, string> = { ...answer.headers };
  if (answer.binary) allHeaders['content-type'] = answer.binary.contentType;
  else if (isJson) allHeaders['content-type'] = 'application/json; charset=utf-8';
  let status = answer.status;
  if (request.method === 'GET' && status === 200) {
    const etag = `W/"${createHash('sha256').update(payload).digest('hex').slice(0, 40)}"`;
    allHeaders.etag = etag;
    allHeaders['cache-control'] = 'private, max-age=60, s-maxage=60';
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch?.split(',').some((tag) => tag.trim() === etag || tag.trim() === etag.slice(2))) {
      status = 304;
    }
  }
  const body = status === 304 ? Buffer.alloc(0) : payload;
  if (status === 304) delete allHeaders['content-type'];
  allHeaders['content-length'] = String(body.length);
  response.writeHead(status, { ...headersFor(status), ...allHeaders });
  response.end(body);
  return status;
}
