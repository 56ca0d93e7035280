import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoScenario, DEMO_SCENARIOS, type DemoScenario } from '../demo/demo-scenarios.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { findRepository } from '../local/find-repository.js';
import { runLocalHeal } from '../local/run-local-heal.js';
import type { Reporter } from '../output/create-reporter.js';
import { describeReport } from '../output/describe-report.js';
import { formatDuration } from '../output/format-duration.js';
import { OUTPUT_FLAGS, reporterFor } from '../output/output-flags.js';
import { parseFlags } from '../parse-flags.js';
import { reportError } from '../report-error.js';

export const DEMO_HELP = `heal demo: heal four sample repositories, offline

Usage
  heal demo [--github] [--json] [--quiet] [--verbose]

Creates four git repositories in a temporary directory, each with failing tests, and heals
each end to end with real git and real test runs:
  flaky        a test that fails now and then: reported as flaky, no change
  regression   a bug buried in 30 commits: bisected, the culprit reverted
  formatting   a formatting check fails: fixed by the configured formatter
  logic-bug    a wrong loop: fixed by a model (a scripted server on 127.0.0.1);
               its first answer edits the test and is refused by a guardrail
No network, no token. The repositories are kept so you can look at the heal branches.

With --github the same repositories are served by a GitHub API simulator on 127.0.0.1 and
healed only through the API: tests run as dispatched Actions runs, candidates on scratch
branches (a fixer's changes come back from the runner onto its branch), and each fix ends
in a pull request.
`;

const DEMO_MODEL_KEY_VARIABLE = 'HEAL_DEMO_MODEL_KEY';

export async function demoCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('demo', args, {
    github: { type: 'boolean' },
    ...OUTPUT_FLAGS,
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(DEMO_HELP);
    return EXIT.ok;
  }
  const reporter = reporterFor(values, io);
  const startedAt = Date.now();
  try {
    const root = await mkdtemp(join(tmpdir(), 'heal-demo-'));
    const outcomes: Array<{ scenario: DemoScenario; outcome: string; asExpected: boolean; link?: string }> =
      [];
    const github = values.github ? await startDemoGitHub() : null;
    try {
      for (const [index, name] of DEMO_SCENARIOS.entries()) {
        const scenario = await createDemoScenario(
          name,
          root,
          github ? { github: { workflow: github.workflow } } : {},
        );
        reporter.info(
          reporter.colors.bold(
            `\n[${index + 1}/${DEMO_SCENARIOS.length}] ${scenario.name}: ${scenario.title}`,
          ),
        );
        const { outcome, link } = github
          ? await healScenarioOnGitHub(scenario, github, root, reporter, io)
          : await healScenario(scenario, reporter, io);
        outcomes.push({
          scenario,
          outcome,
          asExpected: outcome === scenario.expectedOutcome,
          ...(link ? { link } : {}),
        });
      }
    } finally {
      await github?.stop();
    }
    const good = outcomes.filter((entry) => entry.asExpected).length;
    const summary = [
      '',
      `${good} of ${outcomes.length} scenarios ended as expected in ${formatDuration(Date.now() - startedAt)}.`,
      ...outcomes.map(
        ({ scenario, outcome, asExpected, link }) =>
          `  ${asExpected ? reporter.colors.green('✓') : reporter.colors.red('✗')} ${scenario.name.padEnd(11)} ${outcome}${link ? `  ${link}` : ''}`,
      ),
      `The repositories are in ${root}; try: git -C ${join(root, 'regression')} log --oneline --all --graph | head`,
    ].join('\n');
    reporter.result(summary, {
      root,
      scenarios: outcomes.map(({ scenario, outcome, asExpected, link }) => ({
        name: scenario.name,
        outcome,
        asExpected,
        ...(link ? { link } : {}),
      })),
    });
    return good === outcomes.length ? EXIT.ok : EXIT.notHealed;
  } catch (error) {
    reporter.close();
    return reportError(error, io, { json: values.json ?? false });
  }
}

async function healScenario(
  scenario: DemoScenario,
  reporter: Reporter,
  io: CliIo,
): Promise<{ outcome: string; link?: string }> {
  const server =
    scenario.modelAnswers.length > 0
      ? await (await import('@healing/engine/testing')).startScriptedModelServer({
          answers: scenario.modelAnswers,
        })
      : null;
  try {
    const { parseHealConfig } = await import('@healing/engine');
    const config = parseHealConfig(server ? withModel(scenario.config, server.baseUrl) : scenario.config);
    const repository = await findRepository(scenario.dir);
    const report = await runLocalHeal({
      dir: scenario.dir,
      repository: `demo/${scenario.name}`,
      config,
      cachePath: repository.cachePath,
      reporter,
      // Only the scripted server sees this key; commands never get it.
      env: { ...io.env, [DEMO_MODEL_KEY_VARIABLE]: 'demo-key-for-the-scripted-server' },
    });
    reporter.info(describeReport(report, reporter.colors, 'main'));
    return { outcome: report.outcome, ...(report.delivery ? { link: report.delivery.branch } : {}) };
  } finally {
    await server?.close();
  }
}

interface DemoGitHub {
  readonly url: string;
  readonly token: string;
  readonly workflow: string;
  add(scenario: DemoScenario): Promise<void>;
  stop(): Promise<void>;
}

const DEMO_TOKEN = 'ghp_demo0000000000000000000000000000000000';

/** The GitHub simulator, empty at first: each scenario's repository is added as it is built. */
async function startDemoGitHub(): Promise<DemoGitHub> {
  const [{ startGitHubSimulator }, { actionsWorkflowTemplate }] = await Promise.all([
    import('@healing/github-sim'),
    import('@healing/github'),
  ]);
  const started: Array<{ stop(): Promise<void> }> = [];
  const workflow = await actionsWorkflowTemplate();
  let current: Awaited<ReturnType<typeof startGitHubSimulator>> | null = null;
  return {
    get url() {
      return current?.url ?? '';
    },
    token: DEMO_TOKEN,
    workflow,
    async add(scenario) {
      // One simulator per scenario: each repository is seeded from its finished history.
      current = await startGitHubSimulator({
        repositories: [{ owner: 'demo', name: scenario.name, seedFrom: scenario.dir }],
        token: DEMO_TOKEN,
        actions: { maxConcurrentRuns: 2, runTimeoutMs: 120_000 },
      });
      started.push(current);
    },
    async stop() {
      for (const simulator of started) await simulator.stop();
    },
  };
}

async function healScenarioOnGitHub(
  scenario: DemoScenario,
  github: DemoGitHub,
  root: string,
  reporter: Reporter,
  io: CliIo,
): Promise<{ outcome: string; link?: string }> {
  await github.add(scenario);
  const server =
    scenario.modelAnswers.length > 0
      ? await (await import('@healing/engine/testing')).startScriptedModelServer({
          answers: scenario.modelAnswers,
        })
      : null;
  try {
    const { runGitHubHeal } = await import('../github/run-github-heal.js');
    const { report } = await runGitHubHeal({
      repository: `demo/${scenario.name}`,
      token: github.token,
      apiUrl: github.url,
      overrides: server ? { strategies: withModel({}, server.baseUrl).strategies } : {},
      cachePath: join(root, `${scenario.name}-github-cache.sqlite`),
      reporter,
      env: { ...io.env, [DEMO_MODEL_KEY_VARIABLE]: 'demo-key-for-the-scripted-server' },
      writeIntervalMs: 0,
      pollIntervalMs: 100,
    });
    reporter.info(describeReport(report, reporter.colors, 'main'));
    return {
      outcome: report.outcome,
      ...(report.delivery?.pullRequestUrl ? { link: report.delivery.pullRequestUrl } : {}),
    };
  } finally {
    await server?.close();
  }
}

function withModel(config: Record<string, unknown>, baseUrl: string): Record<string, unknown> {
  const strategies = (config.strategies ?? {}) as Record<string, Record<string, unknown>>;
  return {
    ...config,
    strategies: {
      ...strategies,
      model: {
        ...strategies.model,
        enabled: true,
        baseUrl,
        model: 'scripted-demo-model',
        apiKeyEnv: DEMO_MODEL_KEY_VARIABLE,
      },
    },
  };
}
