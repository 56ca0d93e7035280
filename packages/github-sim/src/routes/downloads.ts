import type { GlobalHandler } from '../context.js';
import { notFound } from '../http/github-error.js';
import { defineRoute } from '../http/router.js';

export type DownloadProducer = () => { bytes: Uint8Array; contentType: string };

/** The unauthenticated, unguessable URLs GitHub's log and artifact redirects point at. */
export const DOWNLOAD_ROUTE = '/_downloads/{key}';

export function createDownloadRoutes(downloads: ReadonlyMap<string, DownloadProducer>) {
  const download: GlobalHandler = async ({ params }) => {
    const produce = downloads.get(params.key ?? '');
    if (!produce) throw notFound();
    return { status: 200, binary: produce() };
  };
  return [defineRoute('GET', DOWNLOAD_ROUTE, download)];
}
