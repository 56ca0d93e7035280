import { HealingError } from '@healing/adapters';
import { loadConfig } from '../config/load-config.js';
import { EXIT } from '../exit-codes.js';
import { githubCachePath, githubToken } from '../github/github-settings.js';
import { runGitHubHeal } from '../github/run-github-heal.js';
import type { CliIo } from '../io.js';
import { findRepository } from '../local/find-repository.js';
import { runLocalHeal } from '../local/run-local-heal.js';
import type { Reporter } from '../output/create-reporter.js';
import { describeReport } from '../output/describe-report.js';
import { OUTPUT_FLAGS, reporterFor } from '../output/output-flags.js';
import { parseFlags } from '../parse-flags.js';
import { reportError } from '../report-error.js';
import { reportExitCode } from '../report-exit-code.js';
import { STRATEGY_NAMES, strategyOverrides } from './strategy-flags.js';

export const RUN_HELP = `heal run: heal the failing tests of the repository in the current directory

Usage
  heal run [options]

Runs the tests; when they fail, tries the cheapest fix first (flaky reruns, regression
bisection, autofix commands, a model), proves each candidate in a git worktree, and delivers
the first that passes as a branch heal/<fingerprint> with one commit. Your branch and
working tree are never changed.

Options
  --github <owner/repo>  heal through the GitHub API instead: tests run on Actions runners
                         (install the workflow with heal init --github), the fix arrives as
                         a pull request. Needs HEAL_GITHUB_TOKEN (or GITHUB_TOKEN, GH_TOKEN).
  --run <id>             with --github: heal this failed workflow run (its commit and branch)
  --sha <sha>            with --github: the failing commit (default: the run's, else the branch head)
  --branch <name>        with --github: the failing branch (default: the run's, else the default branch)
  --test <command>       the test command (default: heal.config.*, else detected)
  --base <revision>      a known-good revision for the regression strategy
  --strategies <list>    only these, comma-separated: ${STRATEGY_NAMES.join(', ')}
  --model-url <url>      OpenAI-compatible endpoint (turns the model strategy on)
  --model <name>         model name
  --attempts <n>         model attempts
  --json                 JSON lines on stdout
  -q, --quiet            print only the result
  --verbose              show every command run
  -h, --help             this help

Environment
  HEAL_GITHUB_TOKEN, GITHUB_TOKEN, GH_TOKEN      a token for --github; never logged, never passed to commands
  GITHUB_API_URL                                 the API for --github (default https://api.github.com)
  HEAL_ACTIONS_POLL_MS                           first wait between polls of an Actions run (default 5000)
  HEAL_GITHUB_WRITE_INTERVAL_MS                  pause between API writes (default 1000, as GitHub asks)
  OPENAI_API_KEY (or strategies.model.apiKeyEnv)  the model key; never logged, never passed to commands
  NO_COLOR                                         no colours

Exit codes: 0 green, flaky or healed; 1 not healed (also when healing's workspace cannot
run the tests); 2 usage or config; 3 environment (the tests cannot run in your checkout).
`;

export async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('run', args, {
    github: { type: 'string' },
    run: { type: 'string' },
    sha: { type: 'string' },
    branch: { type: 'string' },
    test: { type: 'string' },
    base: { type: 'string' },
    strategies: { type: 'string' },
    'model-url': { type: 'string' },
    model: { type: 'string' },
    attempts: { type: 'string' },
    ...OUTPUT_FLAGS,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(RUN_HELP);
    return EXIT.ok;
  }
  const reporter = reporterFor(values, io);
  try {
    if (values.github !== undefined) return await runOnGitHub(values, reporter, io);
    if (values.run !== undefined || values.sha !== undefined || values.branch !== undefined) {
      throw new HealingError('INVALID_INPUT', '--run, --sha and --branch go with --github <owner/repo>');
    }
    const repository = await findRepository(io.cwd ?? process.cwd());
    const overrides = strategyOverrides(values);
    if (values.test) overrides.test = { command: values.test };
    const loaded = await loadConfig({ dir: repository.root, overrides });
    reporter.info(reporter.colors.dim(`tests: ${loaded.testCommandFrom}`));
    reporter.info(reporter.colors.dim(`setup: ${loaded.setupFrom}`));
    const report = await runLocalHeal({
      dir: repository.root,
      repository: repository.name,
      config: loaded.config,
      cachePath: repository.cachePath,
      reporter,
      env: io.env,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    reporter.result(
      describeReport(report, reporter.colors, report.branch ?? loaded.config.defaultBranch),
      report,
    );
    return reportExitCode(report);
  } catch (error) {
    reporter.close();
    return reportError(error, io, { json: values.json ?? false });
  }
}

interface GitHubFlags {
  readonly github?: string | undefined;
  readonly run?: string | undefined;
  readonly sha?: string | undefined;
  readonly branch?: string | undefined;
  readonly test?: string | undefined;
  readonly base?: string | undefined;
  readonly strategies?: string | undefined;
  readonly 'model-url'?: string | undefined;
  readonly model?: string | undefined;
  readonly attempts?: string | undefined;
}

async function runOnGitHub(values: GitHubFlags, reporter: Reporter, io: CliIo): Promise<number> {
  const repository = values.github ?? '';
  const runId = values.run === undefined ? undefined : Number(values.run);
  if (runId !== undefined && (!Number.isInteger(runId) || runId < 1)) {
    throw new HealingError(
      'INVALID_INPUT',
      `--run must be a workflow run id (a number), got "${values.run}"`,
    );
  }
  const overrides = strategyOverrides(values);
  if (values.test) overrides.test = { command: values.test };
  const { report, config } = await runGitHubHeal({
    repository,
    token: githubToken(io.env),
    apiUrl: io.env.GITHUB_API_URL ?? 'https://api.github.com',
    ...(runId === undefined ? {} : { runId }),
    ...(values.sha ? { sha: values.sha } : {}),
    ...(values.branch ? { branch: values.branch } : {}),
    overrides,
    cachePath: githubCachePath(io.env, repository),
    reporter,
    env: io.env,
    ...millisecondsFrom(io.env, 'HEAL_ACTIONS_POLL_MS', 'pollIntervalMs'),
    ...millisecondsFrom(io.env, 'HEAL_GITHUB_WRITE_INTERVAL_MS', 'writeIntervalMs'),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  reporter.result(describeReport(report, reporter.colors, report.branch ?? config.defaultBranch), report);
  return reportExitCode(report);
}

/** An optional millisecond setting from the environment, refused when it is not a number. */
function millisecondsFrom<K extends string>(
  env: CliIo['env'],
  variable: string,
  key: K,
): Partial<Record<K, number>> {
  const text = env[variable];
  if (text === undefined || text === '') return {};
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new HealingError(
      'CONFIG_INVALID',
      `${variable} must be a whole number of milliseconds, got "${text}"`,
    );
  }
  return { [key]: value } as Partial<Record<K, number>>;
}
