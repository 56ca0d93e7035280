import { type CommandResult, type ExecutionAdapter, redactSecrets } from '@healing/adapters';

/** The command that installs a project's dependencies (`npm ci`, `uv sync`), decided by the caller. */
export interface WorkspaceSetupCommand {
  readonly command: string | readonly string[];
  readonly timeoutMs: number;
  /** Variables for the setup command only, on top of the allowlisted environment. */
  readonly env?: Readonly<Record<string, string>>;
}

export function describeCommand(command: string | readonly string[]): string {
  if (typeof command === 'string') return command;
  return command.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(' ');
}

const TAIL_LINES = 12;
const TAIL_CHARS = 2000;

function outputTail(result: CommandResult): string {
  const lines = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => line.trim() !== '');
  const tail = lines.slice(-TAIL_LINES).join('\n');
  return tail.length > TAIL_CHARS ? tail.slice(-TAIL_CHARS) : tail;
}

function howItEnded(result: CommandResult, timeoutMs: number): string {
  if (result.timedOut) return `timed out after ${timeoutMs} ms`;
  if (result.aborted) return 'was aborted (the workspace was disposed)';
  if (result.exitCode === null) return `was ended by signal ${result.signal ?? 'unknown'}`;
  return `failed with exit ${result.exitCode}`;
}

// Values of setup variables that look like credentials never appear in a failure message.
const secretValues = (env: Readonly<Record<string, string>> | undefined): string[] =>
  Object.entries(env ?? {})
    .filter(([name]) => /token|secret|password|auth|key/i.test(name))
    .map(([, value]) => value);

/**
 * Runs the setup command in the workspace; resolves to null when it succeeded, or to why it
 * failed (`setup \`npm ci\` failed with exit 1: <last lines>`). npm is asked to prefer its cache.
 */
export async function runSetup(
  execution: ExecutionAdapter,
  setup: WorkspaceSetupCommand,
  options: {
    readonly cwd: string;
    readonly env: Readonly<Record<string, string>>;
    readonly signal: AbortSignal;
  },
): Promise<string | null> {
  const label = describeCommand(setup.command);
  let failure: string;
  try {
    const result = await execution.run({
      command: setup.command,
      cwd: options.cwd,
      env: { ...options.env, npm_config_prefer_offline: 'true', ...setup.env },
      timeoutMs: setup.timeoutMs,
      signal: options.signal,
    });
    if (result.exitCode === 0 && !result.timedOut && !result.aborted) return null;
    const tail = outputTail(result);
    failure = `setup \`${label}\` ${howItEnded(result, setup.timeoutMs)}${tail === '' ? '' : `: ${tail}`}`;
  } catch (error) {
    failure = `setup \`${label}\` could not start: ${(error as Error).message}`;
  }
  return redactSecrets(failure, secretValues(setup.env));
}
