import type { RunnerSite } from '../identify/find-runner-sites.js';
import { quoteNodeOption, quoteShellWord } from '../shell/quote-shell.js';
import { nodeReporterOptions, reportArguments } from './report-flags.js';
import { hasOption } from './user-flags.js';

export interface EnvAddition {
  readonly name: 'NODE_OPTIONS' | 'PYTEST_ADDOPTS' | 'GOFLAGS';
  readonly words: readonly string[];
}

const OWN_REPORTER = 'the command chooses its own reporter';
const RUNS_TWICE = 'it runs more than once under one environment';
const NO_ARGUMENTS =
  "flags cannot reach it (not its script's last command, or the manager's argument passing is unknown)";

/** What one runner invocation needs to write its report: flags, environment, or both. */
export interface SiteFlags {
  /** Flags right after the runner's program word (direct) or appended to the script invocation. */
  readonly args?: readonly string[];
  /** Words after the last word of the runner's command (cargo's `-- --exact …`). */
  readonly trailing?: readonly string[];
  readonly env?: EnvAddition;
}

export interface SiteReport extends SiteFlags {
  /** False for go, whose JSON goes to stdout. */
  readonly writesFile: boolean;
}

/**
 * How one invocation of a runner is asked for a report, or why it cannot be (a string):
 * `siteCount` invocations of the same runner share one environment, so an environment-borne
 * report path serves only a runner that runs once.
 */
export function planSiteReport(
  site: RunnerSite,
  path: string,
  siteCount: number,
  hasOtherGoCommands: boolean,
): SiteReport | string {
  if (site.runner === 'cargo') {
    if (site.isNextest) return 'nextest is read from its console';
    // cargo stops at the first test binary that fails; every failing test must be named.
    if (site.insertAfter === null || hasOption(site.args, ['--no-fail-fast']))
      return 'libtest has no stable report';
    return { args: ['--no-fail-fast'], writesFile: false };
  }
  const writesFile = site.runner !== 'go';
  if (site.insertAfter !== null) {
    const args = reportArguments(site.runner, path, site.args);
    if (args === null) return OWN_REPORTER;
    // Mocha keeps the last reporter named: ours go after the user's (`mocha --reporter dot test/`).
    return site.runner === 'mocha' ? { trailing: args, writesFile } : { args, writesFile };
  }
  switch (site.runner) {
    case 'node':
      // NODE_OPTIONS reaches every node process of the script; one `node --test` must be the only one.
      if (siteCount !== 1) return RUNS_TWICE;
      if (hasOption(site.args, ['--test-reporter', '--test-reporter-destination'])) return OWN_REPORTER;
      return {
        env: { name: 'NODE_OPTIONS', words: nodeReporterOptions(path).map(quoteNodeOption) },
        writesFile,
      };
    case 'pytest':
      if (siteCount !== 1) return RUNS_TWICE;
      if (hasOption(site.args, ['--junitxml', '--junit-xml'])) return OWN_REPORTER;
      return {
        env: {
          name: 'PYTEST_ADDOPTS',
          words: [quoteShellWord(`--junitxml=${path}`), '-o', 'junit_family=xunit1'],
        },
        writesFile,
      };
    case 'go':
      // GOFLAGS=-json would also turn `go list`, `go vet` and `go env` output into JSON.
      if (hasOtherGoCommands) return 'the scripts also run go list, vet or env';
      return hasOption(site.args, ['-json'])
        ? { writesFile }
        : { env: { name: 'GOFLAGS', words: ['-json'] }, writesFile };
    default: {
      if (site.scriptArguments === null) return NO_ARGUMENTS;
      const args = reportArguments(site.runner, path, site.args);
      return args === null ? OWN_REPORTER : { args, writesFile };
    }
  }
}
