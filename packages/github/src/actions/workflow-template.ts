import { readFile } from 'node:fs/promises';
import type { StorageAdapter } from '@healing/adapters';

/** Where the workflow lives in a repository; GitHub runs only files under .github/workflows. */
export const HEAL_RUN_WORKFLOW_PATH = '.github/workflows/heal-run.yml';

const TEMPLATE_URL = new URL('../../workflows/heal-run.yml', import.meta.url);

/** The generic "run one command" workflow healing dispatches, as shipped in this package. */
export async function actionsWorkflowTemplate(): Promise<string> {
  return readFile(TEMPLATE_URL, 'utf8');
}

/**
 * Puts the workflow into a repository (through any StorageAdapter, usually GitHub storage on
 * the default branch). Writes only when the file differs, with a compare-and-swap on what was read.
 */
export async function installActionsWorkflow(
  storage: StorageAdapter,
  options: { readonly path?: string } = {},
): Promise<{ path: string; version: string; changed: boolean }> {
  const path = options.path ?? HEAL_RUN_WORKFLOW_PATH;
  const template = await actionsWorkflowTemplate();
  const current = await storage.read(path);
  if (current && new TextDecoder().decode(current.content) === template) {
    return { path, version: current.version, changed: false };
  }
  const { version } = await storage.write(path, template, { expectedVersion: current?.version ?? null });
  return { path, version, changed: true };
}
