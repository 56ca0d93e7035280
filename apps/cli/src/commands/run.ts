import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { findRepository } from '../local/find-repository.js';
import { runLocalHeal } from '../local/run-local-heal.js';
import { createReporter } from '../output/create-reporter.js';
import { describeReport } from '../output/describe-report.js';
import { parseFlags } from '../parse-flags.js';
import { reportError } from '../report-error.js';
import { STRATEGY_NAMES, strategyOverrides } from './strategy-flags.js';

export const RUN_HELP = `heal run: heal the failing tests of the repository in the current directory

Usage
  heal run [options]

Runs the tests; when they fail, tries the cheapest fix first (flaky reruns, regression
bisection, autofix commands, a model), proves each candidate in a git worktree, and delivers
the first that passes as a branch heal/<fingerprint> with one commit. Your branch and
working tree are never changed.

Options
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
  OPENAI_API_KEY (or strategies.model.apiKeyEnv)  the model key; never logged, never passed to commands
  NO_COLOR                                         no colours

Exit codes: 0 green, flaky or healed; 1 not healed; 2 usage or config; 3 environment.
`;

export async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('run', args, {
    test: { type: 'string' },
    base: { type: 'string' },
    strategies: { type: 'string' },
    'model-url': { type: 'string' },
    model: { type: 'string' },
    attempts: { type: 'string' },
    json: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(RUN_HELP);
    return EXIT.ok;
  }
  const reporter = createReporter({
    io,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
  });
  try {
    const repository = await findRepository(io.cwd ?? process.cwd());
    const reportPath = join(tmpdir(), `heal-report-${process.pid}`, 'report.xml');
    const overrides = strategyOverrides(values);
    if (values.test) overrides.test = { command: values.test };
    const loaded = await loadConfig({ dir: repository.root, overrides, reportPath });
    reporter.info(reporter.colors.dim(`tests: ${loaded.testCommandFrom}`));
    const report = await runLocalHeal({
      dir: repository.root,
      repository: repository.name,
      config: loaded.config,
      cachePath: repository.cachePath,
      reporter,
      env: io.env,
    });
    reporter.result(describeReport(report, reporter.colors, loaded.config.defaultBranch), report);
    return report.outcome === 'not-healed' ? EXIT.notHealed : EXIT.ok;
  } catch (error) {
    reporter.close();
    return reportError(error, io, { json: values.json ?? false });
  }
}
