import { execFile } from 'node:child_process';
import type { HealReport } from '@healing/adapters';
import type { Project } from '@healing/test-projects';
import { heal } from '../helpers.js';

export interface HealOutcome {
  readonly code: number;
  readonly report: HealReport;
  readonly events: ReadonlyArray<{ readonly event: string; readonly [key: string]: unknown }>;
  readonly stderr: string;
}

/**
 * `heal run --json` in a project as its contributor runs it: their environment (an activated
 * venv, say), with HOME and git identity of a fresh machine. The last result line is the report.
 */
export function healIn(
  project: Project,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<HealOutcome> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [heal, 'run', '--json', ...args],
      {
        cwd: project.dir,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...project.env, ...env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 600_000,
      },
      (error, stdout, stderr) => {
        const events = stdout
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as HealOutcome['events'][number]);
        const result = events.findLast((event) => event.event === 'result') as
          | { result?: { report?: HealReport } & HealReport }
          | undefined;
        const report = result?.result?.report ?? result?.result;
        if (report === undefined) {
          reject(new Error(`heal run gave no report (exit ${error?.code ?? 0}): ${stderr.slice(-2000)}`));
          return;
        }
        resolve({ code: error ? Number(error.code ?? 1) : 0, report, events, stderr });
      },
    );
  });
}

/** The report's test runs that ran the whole suite, and those focused on the failing tests. */
export function runCounts(report: HealReport): { readonly full: number; readonly focused: number } {
  const focused = report.metrics?.focusedRuns ?? 0;
  return { full: (report.metrics?.testRuns ?? 0) - focused, focused };
}
