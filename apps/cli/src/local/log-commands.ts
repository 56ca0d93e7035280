import type { ExecutionAdapter, WorkspaceProvider } from '@healing/adapters';

type CommandLogger = (command: string | readonly string[], cwd: string | undefined) => void;

/** The same adapter, telling `log` about every command before it runs (for --verbose). */
export function logCommands(
  execution: ExecutionAdapter,
  log: CommandLogger,
  defaultCwd?: string,
): ExecutionAdapter {
  return {
    ...execution,
    run(spec) {
      log(spec.command, spec.cwd ?? defaultCwd);
      return execution.run(spec);
    },
    runTests(spec) {
      log(spec.command, spec.cwd ?? defaultCwd);
      return execution.runTests(spec);
    },
  };
}

export function logWorkspaceCommands(provider: WorkspaceProvider, log: CommandLogger): WorkspaceProvider {
  return {
    ...provider,
    async create(options) {
      const workspace = await provider.create(options);
      return { ...workspace, execution: logCommands(workspace.execution, log, workspace.dir ?? undefined) };
    },
  };
}
