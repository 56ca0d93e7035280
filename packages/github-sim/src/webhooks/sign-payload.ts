import { createHmac } from 'node:crypto';

/** GitHub's `X-Hub-Signature-256` value for a body: `sha256=` and the HMAC-SHA256 hex digest. */
export function signPayload(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
