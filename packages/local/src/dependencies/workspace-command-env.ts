import { delimiter, join } from 'node:path';
import type { RootRewriter } from './root-rewriter.js';

/** What the workspace's commands get on top of the execution's allowlisted environment. */
export interface WorkspaceCommandEnv {
  readonly env: Readonly<Record<string, string>>;
  /** A PATH value with every entry inside the checkout moved to the workspace. */
  rewritePath(value: string): string;
}

/**
 * The project's interpreter for the workspace: with a virtualenv linked, `VIRTUAL_ENV` and its
 * `bin` first on PATH (as `activate` does); PATH entries inside the checkout (an activated venv,
 * `node_modules/.bin`) moved to the workspace, so nothing runs from, or installs into, the
 * checkout. With a venv, PYTHONHOME is emptied (Python ignores an empty one; a parent's would
 * replace the venv's prefix if an execution allowed it through), and Python writes no bytecode:
 * its packages are links into the checkout or the cache, which must stay as they are.
 */
export function workspaceCommandEnv(options: {
  readonly parentPath: string | undefined;
  readonly toWorkspace: RootRewriter;
  readonly virtualenv: string | null;
}): WorkspaceCommandEnv {
  const rewritePath = (value: string): string =>
    value
      .split(delimiter)
      .map((entry) => (entry === '' ? entry : (options.toWorkspace.mapPath(entry) ?? entry)))
      .join(delimiter);
  const env: Record<string, string> = {};
  if (options.parentPath !== undefined) env.PATH = rewritePath(options.parentPath);
  if (options.virtualenv !== null) {
    const bin = join(options.virtualenv, 'bin');
    const rest = (env.PATH ?? '').split(delimiter).filter((entry) => entry !== '' && entry !== bin);
    env.PATH = [bin, ...rest].join(delimiter);
    env.VIRTUAL_ENV = options.virtualenv;
    env.PYTHONHOME = '';
    env.PYTHONDONTWRITEBYTECODE = '1';
  }
  return { env, rewritePath };
}
