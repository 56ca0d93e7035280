import { createHash } from 'node:crypto';

/**
 * The git blob id of some content. Storage adapters use it as a file's version, so a
 * version read from the local filesystem equals the blob sha GitHub reports for the same bytes.
 */
export function gitBlobId(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.byteLength}\0`).update(content).digest('hex');
}
