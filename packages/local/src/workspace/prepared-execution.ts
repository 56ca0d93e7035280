import {
  type CommandResult,
  type CommandSpec,
  createTestResult,
  type ExecutionAdapter,
  HealingError,
  type TestCommandSpec,
  type TestRunResult,
} from '@healing/adapters';
import { describeCommand } from '../dependencies/run-setup.js';
import type { WorkspaceCommandEnv } from '../dependencies/workspace-command-env.js';

/** What a workspace's commands wait for: its dependencies, or why it has none. */
export interface PreparedCommands {
  readonly commandEnv: WorkspaceCommandEnv;
  /** Set when setup failed: no command can run. */
  readonly failure?: string;
}

/** A test run that never ran: the workspace's setup failed, so its result says nothing about the code. */
function setupFailedRun(spec: TestCommandSpec, failure: string): TestRunResult {
  const label = describeCommand(spec.command);
  const command: CommandResult = {
    exitCode: null,
    signal: null,
    stdout: '',
    stderr: failure,
    durationMs: 0,
    timedOut: false,
    aborted: false,
    outputTruncated: false,
  };
  return {
    command,
    result: createTestResult({
      failedTests: [
        {
          id: label,
          name: label,
          file: null,
          message: `not run: ${failure}`,
          output: failure,
          scope: 'command',
        },
      ],
      source: 'exit-code',
    }),
    problem: { kind: 'setup-failed', message: failure },
  };
}

/**
 * Every command of `base` first awaits the workspace's preparation, then runs with its
 * variables (the venv, PATH moved off the checkout) under the caller's own `env`.
 */
export function prepareBeforeRunning(
  base: ExecutionAdapter,
  ready: () => Promise<PreparedCommands>,
  workspaceId: string,
): ExecutionAdapter {
  const withEnv = <T extends CommandSpec>(spec: T, prepared: PreparedCommands): T => {
    const own =
      spec.env?.PATH === undefined
        ? spec.env
        : { ...spec.env, PATH: prepared.commandEnv.rewritePath(spec.env.PATH) };
    return { ...spec, env: { ...prepared.commandEnv.env, ...own } };
  };
  return {
    name: base.name,
    capabilities: base.capabilities,
    async run(spec) {
      const prepared = await ready();
      if (prepared.failure !== undefined) {
        throw new HealingError(
          'COMMAND_FAILED',
          `cannot run \`${describeCommand(spec.command)}\` in workspace ${workspaceId}: ${prepared.failure}; fix the setup command or the dependency files and heal again`,
          { details: { workspaceId, setupFailure: prepared.failure } },
        );
      }
      return base.run(withEnv(spec, prepared));
    },
    async runTests(spec) {
      const prepared = await ready();
      if (prepared.failure !== undefined) return setupFailedRun(spec, prepared.failure);
      return base.runTests(withEnv(spec, prepared));
    },
  };
}
