import type { RunnerSite } from '../identify/find-runner-sites.js';
import type { RunnerName } from '../runner-name.js';
import type { PlannedReport } from './plan-test-run.js';

export interface RunnerPlanNote {
  readonly runner: RunnerName;
  readonly sites: readonly RunnerSite[];
  /** Why it is read from its console; null when it writes a report. */
  readonly refusal: string | null;
}

function describeRunner(note: RunnerPlanNote, reports: readonly PlannedReport[]): string {
  const scripts = [
    ...new Set(note.sites.filter((site) => site.via.length > 0).map((site) => site.via.join(' → '))),
  ];
  const name =
    scripts.length === 0 ? note.runner : `${note.runner} (script ${scripts.map((s) => `"${s}"`).join(', ')})`;
  const times = note.sites.length > 1 ? ` ×${note.sites.length}` : '';
  if (note.refusal !== null) return `${name}${times}: console output, ${note.refusal}`;
  if (note.runner === 'go') return `${name}${times}: -json events on stdout`;
  if (note.runner === 'cargo')
    return `${name}${times}: libtest's console, every test binary (--no-fail-fast)`;
  const own = reports.filter((report) => report.runner === note.runner);
  return `${name}${times}: ${own[0]?.format ?? 'console'} report${own.length > 1 ? 's' : ''}`;
}

/** One line for logs: what was identified and how its results are read. */
export function describePlan(plan: {
  readonly runners: readonly RunnerPlanNote[];
  readonly reports: readonly PlannedReport[];
  readonly focused: boolean;
  readonly hasFocus: boolean;
  readonly notes: readonly string[];
}): string {
  const parts =
    plan.runners.length === 0
      ? ['no test runner identified: console summaries, else the exit code, decide']
      : plan.runners.map((note) => describeRunner(note, plan.reports));
  if (plan.hasFocus)
    parts.push(plan.focused ? 'focused on the given tests' : 'focus not possible: full suite');
  return [...parts, ...[...new Set(plan.notes)].map((note) => `(${note})`)].join('; ');
}
