import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import {
  type CommandResult,
  type CommandSpec,
  type ExecutionAdapter,
  HealingError,
  type TestCommandSpec,
  type TestRunResult,
} from '@healing/adapters';
import { parseTestReport } from '@healing/test-reports';
import { buildCommandEnv, type EnvSource } from './command-env.js';
import { exitCodeTestResult } from './exit-code-result.js';
import { notStarted, readConsole, runPlannedTests } from './run-planned-tests.js';
import { spawnCommand } from './spawn-command.js';

export interface ProcessExecutionOptions {
  /** Parent environment the allowlist picks from (default: process.env). Injected so tests pass a fake. */
  readonly env?: EnvSource;
  /** Names allowed through besides PATH, HOME, LANG, TERM, TMPDIR, CI and the like. */
  readonly allowEnv?: readonly string[];
  /** Default working directory (default: process.cwd()); a relative spec.cwd resolves against it. */
  readonly cwd?: string;
  readonly defaultTimeoutMs?: number;
  /** Time between SIGTERM and SIGKILL for the process group (default 2000). */
  readonly killGraceMs?: number;
  readonly maxOutputBytes?: number;
  /** Shell for string commands (default /bin/sh). */
  readonly shell?: string;
  /**
   * Told of every command just before it starts, as it really runs: a test command with the
   * report and focus flags the runner was asked for (for `--verbose`).
   */
  readonly onCommand?: (command: string | readonly string[], cwd: string) => void;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

function checkPositive(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new HealingError(
      'INVALID_INPUT',
      `${name} must be a non-negative number of milliseconds or bytes, got ${value}`,
    );
  }
  return value;
}

/** Reads the report only if the run wrote it (a file older than the run is a stale one). */
async function readFreshReport(path: string, notBefore: number): Promise<string | null> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile() || info.mtimeMs < notBefore) return null;
  return readFile(path, 'utf8');
}

/** Runs commands as child processes of this machine, each in its own process group. */
export function createProcessExecution(options: ProcessExecutionOptions = {}): ExecutionAdapter {
  const source = options.env ?? process.env;
  const baseCwd = options.cwd ?? process.cwd();
  const resolveCwd = (cwd?: string): string =>
    cwd === undefined ? baseCwd : isAbsolute(cwd) ? cwd : resolve(baseCwd, cwd);

  const run = (spec: CommandSpec): Promise<CommandResult> => {
    options.onCommand?.(spec.command, resolveCwd(spec.cwd));
    return spawnCommand({
      command: spec.command,
      cwd: resolveCwd(spec.cwd),
      env: buildCommandEnv({
        source,
        ...(options.allowEnv ? { allowEnv: options.allowEnv } : {}),
        ...(spec.env ? { extra: spec.env } : {}),
      }),
      timeoutMs: checkPositive('timeoutMs', spec.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS),
      killGraceMs: checkPositive('killGraceMs', options.killGraceMs ?? 2000),
      maxOutputBytes: checkPositive(
        'maxOutputBytes',
        spec.maxOutputBytes ?? options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      ),
      shell: options.shell ?? '/bin/sh',
      ...(spec.signal ? { signal: spec.signal } : {}),
      ...(spec.input !== undefined ? { input: spec.input } : {}),
    });
  };

  return {
    name: 'process',
    capabilities: { killsProcessTree: true, remote: false },
    run,
    async runTests(spec: TestCommandSpec): Promise<TestRunResult> {
      if (spec.report === undefined) return runPlannedTests(spec, resolveCwd(spec.cwd), run);
      // mtime granularity can round down; allow a little slack so a report written at once still counts.
      const notBefore = Date.now() - 1000;
      const reportPath =
        spec.report?.path === undefined ? undefined : resolve(resolveCwd(spec.cwd), spec.report.path);
      const command = await run(spec).catch(notStarted);
      const label = typeof spec.command === 'string' ? spec.command : spec.command.join(' ');
      const format = spec.report?.format ?? 'auto';
      if (format === 'exit-code') return { command, result: exitCodeTestResult(command, label) };
      const reportText =
        reportPath !== undefined
          ? await readFreshReport(reportPath, notBefore)
          : format !== 'console' && command.stdout.trim() !== ''
            ? command.stdout
            : null;
      // No report (or `console`): the runners' console output, and whether it could run at all.
      if (reportText === null || format === 'console')
        return readConsole(spec, command, resolveCwd(spec.cwd), label);
      try {
        return { command, result: parseTestReport(reportText, format) };
      } catch (error) {
        // A run cut short leaves a half-written report; the exit code is the honest answer then.
        if (command.timedOut || command.aborted)
          return { command, result: exitCodeTestResult(command, label) };
        throw error;
      }
    },
  };
}
