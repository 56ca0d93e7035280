import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { type CommandResult, HealingError } from '@healing/adapters';
import { killProcessGroup } from './kill-process-group.js';
import { createTailBuffer } from './tail-buffer.js';

export interface SpawnCommandOptions {
  readonly command: string | readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly killGraceMs: number;
  readonly maxOutputBytes: number;
  readonly shell: string;
  readonly signal?: AbortSignal;
  readonly input?: string;
}

function toArgv(command: string | readonly string[], shell: string): [string, string[]] {
  if (typeof command === 'string') return [shell, ['-c', command]];
  const [file, ...args] = command;
  if (file === undefined || file === '') {
    throw new HealingError(
      'INVALID_INPUT',
      'empty command: pass an argv array with the program first, or a shell string',
    );
  }
  return [file, args];
}

async function assertDirectory(cwd: string): Promise<void> {
  const info = await stat(cwd).catch(() => null);
  if (!info?.isDirectory()) {
    throw new HealingError(
      'COMMAND_FAILED',
      `working directory ${cwd} does not exist: create it or pass another cwd`,
      {
        details: { cwd },
      },
    );
  }
}

/**
 * Runs one command in its own process group. On timeout or abort the whole group gets
 * SIGTERM, then SIGKILL after the grace period; when the command exits, whatever it left
 * running in its group is ended too, so nothing outlives a run.
 */
export async function spawnCommand(options: SpawnCommandOptions): Promise<CommandResult> {
  const [file, args] = toArgv(options.command, options.shell);
  await assertDirectory(options.cwd);
  const started = performance.now();
  const stdout = createTailBuffer(options.maxOutputBytes);
  const stderr = createTailBuffer(options.maxOutputBytes);
  const base = { stdout: '', stderr: '', outputTruncated: false, durationMs: 0 };
  if (options.signal?.aborted) {
    return { ...base, exitCode: null, signal: null, timedOut: false, aborted: true };
  }

  return new Promise<CommandResult>((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let timedOut = false;
    let aborted = false;
    let killTimer: NodeJS.Timeout | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;

    const endGroup = (): void => {
      if (child.pid === undefined || killTimer !== undefined) return;
      killProcessGroup(child.pid, 'SIGTERM');
      killTimer = setTimeout(() => {
        if (child.pid !== undefined) killProcessGroup(child.pid, 'SIGKILL');
      }, options.killGraceMs);
    };
    const timeout = setTimeout(() => {
      timedOut = true;
      endGroup();
    }, options.timeoutMs);
    const onAbort = (): void => {
      aborted = true;
      endGroup();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(timeout);
      if (killTimer !== undefined) clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
    };

    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    if (options.input !== undefined && child.stdin) {
      child.stdin.on('error', () => {}); // the command may exit without reading its input
      child.stdin.end(options.input);
    }
    child.on('error', (error: NodeJS.ErrnoException) => {
      cleanup();
      const reason =
        error.code === 'ENOENT'
          ? 'was not found on PATH'
          : `could not start (${error.code ?? error.message})`;
      reject(
        new HealingError(
          'COMMAND_FAILED',
          `command ${JSON.stringify(file)} ${reason}: install it or fix the command`,
          {
            cause: error,
            details: { command: file },
          },
        ),
      );
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // Background children still holding the pipes would keep 'close' from ever coming.
      if (child.pid !== undefined) killProcessGroup(child.pid, 'SIGKILL');
    });
    child.on('close', (code, signal) => {
      cleanup();
      const final = exit ?? { code, signal };
      resolve({
        exitCode: final.code,
        signal: final.signal,
        stdout: stdout.text(),
        stderr: stderr.text(),
        durationMs: performance.now() - started,
        timedOut,
        aborted,
        outputTruncated: stdout.isTruncated || stderr.isTruncated,
      });
    });
  });
}
