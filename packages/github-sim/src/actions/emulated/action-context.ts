import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActionsCache } from './actions-cache.js';

/** What an emulated `uses:` action sees and may do, as a JavaScript action on a runner would. */
export interface ActionContext {
  readonly workspace: string;
  /** The step's `with:` values, expressions substituted. */
  readonly inputs: Readonly<Record<string, string>>;
  /** The step's environment (PATH includes what earlier steps added). */
  readonly env: Readonly<Record<string, string>>;
  readonly log: (text: string) => void;
  /** Where the action may install programs (the runner's tool cache). */
  readonly toolsDir: string;
  /** `core.addPath`: the directory is on PATH for the steps after this one. */
  addPath(directory: string): Promise<void>;
  /** `core.setOutput`. */
  setOutput(name: string, value: string): Promise<void>;
  /** The repository's Actions cache. */
  readonly cache: ActionsCache;
  /** A post step: runs when the job ends, told whether every step before it succeeded. */
  addPostStep(run: (jobSucceeded: boolean) => Promise<void>): void;
}

export function actionContext(options: {
  readonly workspace: string;
  readonly inputs: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly log: (text: string) => void;
  readonly toolsDir: string;
  readonly pathFile: string;
  readonly outputFile: string;
  readonly cache: ActionsCache;
  readonly addPostStep: (run: (jobSucceeded: boolean) => Promise<void>) => void;
}): ActionContext {
  return {
    workspace: options.workspace,
    inputs: options.inputs,
    env: options.env,
    log: options.log,
    toolsDir: options.toolsDir,
    addPath: (directory) => appendFile(options.pathFile, `${directory}\n`),
    setOutput: (name, value) => appendFile(options.outputFile, `${name}=${value}\n`),
    cache: options.cache,
    addPostStep: options.addPostStep,
  };
}

/** The input's value, trimmed; '' when absent. */
export const input = (context: ActionContext, name: string): string => (context.inputs[name] ?? '').trim();

/** The executable `program` resolves to on the step's PATH, or null (what `io.which` answers). */
export async function which(context: ActionContext, program: string): Promise<string | null> {
  for (const directory of (context.env.PATH ?? '').split(':')) {
    if (directory === '') continue;
    const path = join(directory, program);
    try {
      await access(path, constants.X_OK);
      return path;
    } catch {
      // Not in this directory.
    }
  }
  return null;
}

/** A program's `--version` answer on the step's PATH, trimmed, or null when it cannot run. */
export function toolVersion(
  context: ActionContext,
  program: string,
  args = ['--version'],
): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(program, args, { env: context.env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve(error ? null : `${stdout}${stderr}`.trim());
    });
  });
}

/** A directory of the tool cache for one tool, created. */
export async function toolDirectory(context: ActionContext, name: string): Promise<string> {
  const directory = join(context.toolsDir, name);
  await mkdir(directory, { recursive: true });
  return directory;
}
