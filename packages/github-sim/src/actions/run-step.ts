import { join } from 'node:path';
import { runGitCommand } from '../git/run-git.js';
import type { StepRecord } from '../types.js';
import { type ActionContext, actionContext } from './emulated/action-context.js';
import { createActionsCache } from './emulated/actions-cache.js';
import { setupPnpm } from './emulated/pnpm-setup.js';
import { setupNode } from './emulated/setup-node.js';
import { setupPython } from './emulated/setup-python.js';
import { type ExpressionScope, substituteExpressions } from './expressions.js';
import { appender, type ExecuteRunOptions, type RunDirs, timestamp } from './run-context.js';
import { runScript } from './run-script.js';
import { zipArtifact } from './upload-artifact.js';
import type { WorkflowStep } from './workflow-file.js';

/** Setup actions the simulator emulates: the machine's tools stand in for what they would install. */
const SETUP_ACTIONS: Readonly<Record<string, (context: ActionContext) => Promise<boolean>>> = {
  'actions/setup-node': setupNode,
  'actions/setup-python': setupPython,
  'pnpm/action-setup': setupPnpm,
};

/** Runs one step (a `run:` script or an emulated `uses:`); true when it succeeded. */
export async function runStep(
  options: ExecuteRunOptions,
  dirs: RunDirs,
  step: WorkflowStep,
  record: StepRecord,
  env: Record<string, string>,
  scope: ExpressionScope,
  addPostStep: (run: (jobSucceeded: boolean) => Promise<void>) => void,
): Promise<boolean> {
  const log = appender(record, options.now);
  if (step.uses !== undefined) {
    const [action = ''] = step.uses.split('@');
    if (action === 'actions/checkout') {
      // Like the real action, `with: ref` picks what is checked out (a branch, tag or sha).
      const ref = substituteExpressions(step.with.ref ?? '', scope).trim();
      if (ref === '') {
        log(
          `The simulator checked out ${options.run.headSha} into ${dirs.workspace} before the job started.\n`,
        );
        return true;
      }
      const sha = await resolveCheckoutRef(options, ref);
      if (sha === null) {
        log(`Error: A branch or tag with the name '${ref}' could not be found\n`);
        return false;
      }
      // Inside the run's linked worktree, so only its HEAD and index move, never the repository's HEAD.
      await runGitCommand(['-C', dirs.workspace, 'checkout', '--detach', '--force', '--quiet', sha]);
      // The real action cleans the workspace too (`clean: true` by default).
      await runGitCommand(['-C', dirs.workspace, 'clean', '-ffdx', '--quiet']);
      log(`Checked out ${ref} (${sha}) into ${dirs.workspace}.\n`);
      return true;
    }
    const setup = SETUP_ACTIONS[action];
    if (setup) {
      const inputs = Object.fromEntries(
        Object.entries(step.with).map(([key, value]) => [key, substituteExpressions(value, scope)]),
      );
      return setup(
        actionContext({
          workspace: dirs.workspace,
          inputs,
          env,
          log,
          toolsDir: dirs.tools,
          pathFile: dirs.pathFile,
          outputFile: dirs.outputFile,
          cache: createActionsCache(options.cacheDir),
          addPostStep,
        }),
      );
    }
    if (action === 'actions/upload-artifact') {
      const name = substituteExpressions(step.with.name ?? 'artifact', scope);
      const path = substituteExpressions(step.with.path ?? '', scope);
      const zipped = await zipArtifact(dirs.workspace, path);
      if (!zipped) {
        log(`Warning: No files were found with the provided path: ${path}. No artifacts will be uploaded.\n`);
        return true;
      }
      if (options.run.artifacts.some((artifact) => artifact.name === name)) {
        log(`Error: an artifact named ${name} already exists in this run.\n`);
        return false;
      }
      options.run.artifacts.push({
        id: options.nextId(),
        runId: options.run.id,
        name,
        sizeInBytes: zipped.zip.length,
        zip: zipped.zip,
        createdAt: timestamp(options.now),
      });
      log(`Uploaded ${zipped.files} file(s) as artifact ${name}.\n`);
      return true;
    }
    log(
      `Error: uses: ${step.uses} is not emulated by the GitHub simulator (only actions/checkout, actions/upload-artifact, ${Object.keys(SETUP_ACTIONS).join(', ')} are).\n`,
    );
    return false;
  }
  const script = substituteExpressions(step.run ?? '', scope);
  const cwd = step['working-directory']
    ? join(dirs.workspace, substituteExpressions(step['working-directory'], scope))
    : dirs.workspace;
  const result = await runScript({
    script,
    scriptDir: dirs.scripts,
    cwd,
    env,
    signal: options.signal,
    onOutput: log,
  });
  log('\n');
  if (result.killed) return false;
  if (result.exitCode !== 0) log(`##[error]Process completed with exit code ${result.exitCode ?? 'null'}.\n`);
  return result.exitCode === 0;
}

/** The commit a checkout `ref` names: a branch, a tag or a full sha; null when there is none. */
async function resolveCheckoutRef(options: ExecuteRunOptions, ref: string): Promise<string | null> {
  for (const candidate of [`refs/heads/${ref}`, `refs/tags/${ref}`, ref]) {
    const commit = await options.repo.git.readObject(`${candidate}^{commit}`);
    if (commit) return commit.sha;
  }
  return null;
}
