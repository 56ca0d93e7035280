import { githubError } from './github-error.js';

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** Decodes base64 the way GitHub accepts it (line breaks allowed), refusing anything else with 422. */
export function decodeBase64(value: string, field: string): Buffer {
  if (!BASE64.test(value)) {
    throw githubError(422, `Invalid request.\n\n${field} is not valid Base64.`, {
      errors: [{ resource: 'Request', field, code: 'invalid' }],
    });
  }
  return Buffer.from(value, 'base64');
}
