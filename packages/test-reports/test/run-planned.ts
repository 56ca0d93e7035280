import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CommandResult, FocusTest } from '@healing/adapters';
import { planTestRun, readTestRun, type TestRunPlan } from '../src/index.js';

/** What a test machine has: the tools on PATH and a home for their caches; nothing of vitest's own environment. */
const BASE_ENV: Record<string, string> = Object.fromEntries(
  [
    'PATH',
    'HOME',
    'TMPDIR',
    'LANG',
    'PYENV_ROOT',
    'PYENV_VERSION',
    'CARGO_HOME',
    'RUSTUP_HOME',
    'GOPATH',
    'GOCACHE',
  ]
    .filter((name) => process.env[name] !== undefined)
    .map((name) => [name, process.env[name] as string]),
);

export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

export function execute(
  command: string | readonly string[],
  cwd: string,
  env: Record<string, string>,
): Promise<CommandResult> {
  const started = Date.now();
  const [program, args] =
    typeof command === 'string' ? ['/bin/sh', ['-c', command]] : [command[0] as string, command.slice(1)];
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, env: { ...BASE_ENV, CI: 'true', ...env }, timeout: 180_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (exitCode, signal) =>
      resolve({
        exitCode,
        signal,
        stdout,
        stderr,
        durationMs: Date.now() - started,
        timedOut: false,
        aborted: false,
        outputTruncated: false,
      }),
    );
  });
}

export interface PlannedRun {
  readonly plan: TestRunPlan;
  readonly command: CommandResult;
  readonly read: ReturnType<typeof readTestRun>;
}

/** Plans a command exactly as an execution adapter would, runs it for real, reads what it wrote. */
export async function runPlanned(
  cwd: string,
  command: string | readonly string[],
  options: { readonly focus?: readonly FocusTest[]; readonly env?: Record<string, string> } = {},
): Promise<PlannedRun> {
  const reportDir = await mkdtemp(join(tmpdir(), 'healing-reports-'));
  const manifest = join(cwd, 'package.json');
  const plan = planTestRun({
    command,
    packageJson: existsSync(manifest) ? await readFile(manifest, 'utf8') : null,
    reportDir,
    ...(options.env ? { env: options.env } : {}),
    ...(options.focus ? { focus: options.focus } : {}),
  });
  const result = await execute(plan.command, cwd, plan.env);
  const reports = await Promise.all(
    plan.reports.map((report) => readFile(report.path, 'utf8').catch(() => null)),
  );
  const label = typeof command === 'string' ? command : command.join(' ');
  return {
    plan,
    command: result,
    read: readTestRun({ plan, command: result, reports, rootDir: cwd, label }),
  };
}

/** What a failed run printed, for an assertion message. */
export const explain = (run: PlannedRun): string =>
  `${JSON.stringify(run.plan.command)} (${run.plan.description}) exited ${run.command.exitCode}\n${run.command.stdout.slice(-1500)}\n${run.command.stderr.slice(-1500)}`;
