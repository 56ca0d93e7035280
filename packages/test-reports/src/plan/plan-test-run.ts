import { posix } from 'node:path';
import { type FocusTest, HealingError } from '@healing/adapters';
import { type CommandWord, findRunnerSites, type RunnerSite } from '../identify/find-runner-sites.js';
import { EMPTY_MANIFEST, readPackageManifest } from '../identify/package-manifest.js';
import type { ParsableReportFormat } from '../parse-test-report.js';
import type { RunnerName } from '../runner-name.js';
import { parseShellLine } from '../shell/simple-commands.js';
import { describePlan, type RunnerPlanNote } from './describe-plan.js';
import { focusFor } from './focus-flags.js';
import { REPORT_KINDS } from './report-flags.js';
import { type EnvAddition, planSiteReport, type SiteFlags } from './site-report.js';
import { type Insertion, spliceCommand } from './splice-command.js';

export interface PlannedReport {
  readonly format: ParsableReportFormat;
  readonly path: string;
  readonly runner: RunnerName;
}

export interface TestRunPlan {
  /** The command to run: the user's, with report (and focus) flags placed where the runner reads them. */
  readonly command: string | readonly string[];
  /** The environment to add to the command's: the input `env` with NODE_OPTIONS / PYTEST_ADDOPTS / GOFLAGS extended (never replaced). */
  readonly env: Readonly<Record<string, string>>;
  /** Runners identified in the command, through package.json scripts when the command runs one. */
  readonly runners: readonly RunnerName[];
  /** Report files the run writes (absolute paths under reportDir), read afterwards by the caller. */
  readonly reports: readonly PlannedReport[];
  /** True when the focus was applied for every identified runner; false when the run is the full suite. */
  readonly focused: boolean;
  /** One line for logs: what was identified and how its results are read. */
  readonly description: string;
}

export interface PlanTestRunInput {
  readonly command: string | readonly string[];
  /** Text of package.json in the directory the command runs in; null when there is none. */
  readonly packageJson: string | null;
  /** Absolute directory (on the machine that runs the command) for report files; the caller creates it. */
  readonly reportDir: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly focus?: readonly FocusTest[];
}

function commandWords(
  command: string | readonly string[],
): readonly { readonly words: readonly CommandWord[] }[] {
  if (typeof command !== 'string')
    return [{ words: command.map((value, index) => ({ value, end: index + 1 })) }];
  return parseShellLine(command).commands.map((simple) => ({
    words: simple.words.map((word) => ({ value: word.value, end: word.end })),
  }));
}

function checkInput(input: PlanTestRunInput): void {
  const isEmpty =
    typeof input.command === 'string' ? input.command.trim() === '' : input.command.length === 0;
  if (isEmpty)
    throw new HealingError('INVALID_INPUT', 'test command is empty; pass the command that runs the tests');
  if (!posix.isAbsolute(input.reportDir) && !/^[A-Za-z]:[\\/]/.test(input.reportDir)) {
    throw new HealingError(
      'INVALID_INPUT',
      `reportDir must be an absolute directory, got "${input.reportDir}"; resolve it against the workspace first`,
    );
  }
}

interface PlanBuilder {
  add(site: RunnerSite, flags: SiteFlags): void;
  insertions(): Insertion[];
  /** The input environment with each variable extended, never replaced. */
  env(base: Readonly<Record<string, string>>): Record<string, string>;
}

/** Collects what each runner invocation needs, then lays it into the command and the environment. */
function createPlanBuilder(): PlanBuilder {
  const siteArgs = new Map<RunnerSite, string[]>();
  const trailing: Insertion[] = [];
  const envWords = new Map<EnvAddition['name'], string[]>();
  return {
    add(site, flags) {
      if (flags.args) siteArgs.set(site, [...(siteArgs.get(site) ?? []), ...flags.args]);
      if (flags.trailing && site.lastWord) trailing.push({ after: site.lastWord, args: flags.trailing });
      if (flags.env) {
        const words = envWords.get(flags.env.name) ?? [];
        // One variable serves every invocation: the same words once.
        if (!words.join(' ').includes(flags.env.words.join(' '))) words.push(...flags.env.words);
        envWords.set(flags.env.name, words);
      }
    },
    insertions() {
      const insertions: Insertion[] = [];
      const runAfter = new Set<CommandWord>();
      for (const [site, args] of siteArgs) {
        if (site.insertAfter) insertions.push({ after: site.insertAfter, args });
        else if (site.scriptArguments) {
          insertions.push({
            after: site.scriptArguments.after,
            args: [...site.scriptArguments.prefix, ...args],
          });
          if (site.scriptArguments.runAfter) runAfter.add(site.scriptArguments.runAfter);
        }
      }
      for (const after of runAfter) insertions.push({ after, args: ['run'] });
      return [...insertions, ...trailing];
    },
    env(base) {
      const env: Record<string, string> = { ...base };
      for (const [name, words] of envWords) {
        env[name] = [env[name], ...words]
          .filter((part) => part !== undefined && part.trim() !== '')
          .join(' ');
      }
      return env;
    },
  };
}

function planFocus(
  builder: PlanBuilder,
  runners: readonly RunnerName[],
  sites: readonly RunnerSite[],
  focus: readonly FocusTest[],
): boolean {
  // Several kinds of runner cannot tell which focused test is whose: they run in full.
  if (focus.length === 0 || runners.length !== 1) return false;
  const flags = sites.map((site) => focusFor(site, focus));
  // All or nothing: a focus that reaches some invocations only would read as a full suite that lost tests.
  if (flags.some((flag) => flag === null)) return false;
  flags.forEach((flag, index) => {
    if (flag) builder.add(sites[index] as RunnerSite, flag);
  });
  return true;
}

/**
 * Plans a test run: finds the runners the command runs (through package.json scripts too) and
 * places the flags or environment that make each write a report (and run only the focus),
 * without breaking the paths and flags the user's command passes.
 */
export function planTestRun(input: PlanTestRunInput): TestRunPlan {
  checkInput(input);
  const manifest = readPackageManifest(input.packageJson);
  const found = findRunnerSites(commandWords(input.command), manifest ?? EMPTY_MANIFEST);
  const notes = manifest === null ? ['package.json is not valid JSON', ...found.notes] : [...found.notes];
  const runners = [...new Set(found.sites.map((site) => site.runner))];
  const builder = createPlanBuilder();
  const reports: PlannedReport[] = [];
  const runnerNotes: RunnerPlanNote[] = [];
  const reportDir = input.reportDir.replace(/(.)[\\/]+$/, '$1');

  for (const runner of runners) {
    const sites = found.sites.filter((site) => site.runner === runner);
    const kind = REPORT_KINDS[runner];
    const paths = sites.map((_, index) =>
      posix.join(reportDir, `${runner}-${index + 1}.${kind?.extension ?? 'out'}`),
    );
    const plans = sites.map((site, index) =>
      planSiteReport(site, paths[index] as string, sites.length, found.hasOtherGoCommands),
    );
    // All of a runner's invocations write reports, or none does: its console cannot be split between them.
    const refusal = plans.find((plan): plan is string => typeof plan === 'string');
    if (refusal === undefined) {
      plans.forEach((plan, index) => {
        if (typeof plan === 'string') return;
        builder.add(sites[index] as RunnerSite, plan);
        if (kind && plan.writesFile)
          reports.push({ format: kind.format, path: paths[index] as string, runner });
      });
    }
    runnerNotes.push({ runner, sites, refusal: refusal ?? null });
  }

  const focus = input.focus ?? [];
  const focused = planFocus(builder, runners, found.sites, focus);
  return {
    command: spliceCommand(input.command, builder.insertions()),
    env: builder.env(input.env ?? {}),
    runners,
    reports,
    focused,
    description: describePlan({ runners: runnerNotes, reports, focused, hasFocus: focus.length > 0, notes }),
  };
}
