import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HealingError } from '@healing/adapters';
import { CONFIG_FILE_NAMES } from '../config/find-config-file.js';
import { checkoutFiles } from '../config/checkout-files.js';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { findRepository } from '../local/find-repository.js';
import { parseFlags } from '../parse-flags.js';

export const INIT_HELP = `heal init: write heal.config.json (and, with --github, the Actions workflow heal dispatches)

Usage
  heal init [--test <command>] [--github] [--force]

Options
  --test <command>   the test command (default: detected from package.json, pytest, go, cargo, make)
  --github           also write .github/workflows/heal-run.yml, the workflow the GitHub
                     execution adapter dispatches to run commands on Actions runners
  --force            overwrite files that exist
`;

export async function initCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseFlags('init', args, {
    test: { type: 'string' },
    github: { type: 'boolean' },
    force: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(INIT_HELP);
    return EXIT.ok;
  }
  const repository = await findRepository(io.cwd ?? process.cwd());
  const existing = CONFIG_FILE_NAMES.find((name) => existsSync(join(repository.root, name)));
  if (existing && !values.force) {
    throw new HealingError(
      'INVALID_INPUT',
      `${existing} already exists: edit it, or pass --force to replace it`,
    );
  }
  const detected = values.test
    ? null
    : await (await import('@healing/engine')).detectTestCommand(checkoutFiles(repository.root));
  if (!values.test && !detected) {
    throw new HealingError(
      'CONFIG_INVALID',
      'no test command found: pass --test "<command>" (for example --test "npm test")',
    );
  }
  // A detected command stays undetected in the file: heal detects it again on each run, with a
  // report path fit for that machine.
  const config = {
    ...(values.test ? { test: { command: values.test } } : {}),
    defaultBranch: await defaultBranchOf(repository.root),
    strategies: {
      flaky: { reruns: 3 },
      regression: { enabled: true },
      autofix: { commands: [] },
      model: {
        enabled: false,
        baseUrl: 'https://api.openai.com/v1',
        model: 'gpt-4o-mini',
        apiKeyEnv: 'OPENAI_API_KEY',
      },
    },
    guardrails: { protectedPaths: [], maxChangedLines: 200 },
  };
  const configPath = join(repository.root, 'heal.config.json');
  await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`);
  io.stdout.write(
    `wrote heal.config.json (tests: ${values.test ?? `detected on each run: ${detected?.reason}`})\n`,
  );
  if (values.github) {
    const [{ createFsStorage }, { installActionsWorkflow, HEAL_RUN_WORKFLOW_PATH }] = await Promise.all([
      import('@healing/local'),
      import('@healing/github'),
    ]);
    if (existsSync(join(repository.root, HEAL_RUN_WORKFLOW_PATH)) && !values.force) {
      throw new HealingError(
        'INVALID_INPUT',
        `${HEAL_RUN_WORKFLOW_PATH} already exists: pass --force to replace it`,
      );
    }
    const installed = await installActionsWorkflow(createFsStorage({ root: repository.root }));
    io.stdout.write(`wrote ${installed.path}: commit and push it so heal can run tests on Actions runners\n`);
  }
  io.stdout.write('next: heal doctor, then heal run\n');
  return EXIT.ok;
}

async function defaultBranchOf(root: string): Promise<string> {
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
  const run = promisify(execFile);
  for (const args of [
    ['symbolic-ref', '--short', 'refs/remotes/origin/HEAD'],
    ['symbolic-ref', '--short', 'HEAD'],
  ]) {
    try {
      const { stdout } = await run('git', args, { cwd: root });
      return stdout.trim().replace(/^origin\//, '') || 'main';
    } catch {
      // Try the next source; a repository without either defaults to main.
    }
  }
  return 'main';
}
