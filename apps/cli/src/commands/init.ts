import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HealingError } from '@healing/adapters';
import { checkoutFiles } from '../config/checkout-files.js';
import { CONFIG_FILE_NAMES } from '../config/find-config-file.js';
import { EXIT } from '../exit-codes.js';
import { defaultBranchOf, describeDefaultBranch } from '../init/default-branch.js';
import { starterConfig } from '../init/starter-config.js';
import type { CliIo } from '../io.js';
import { findRepository } from '../local/find-repository.js';
import { parseFlags } from '../parse-flags.js';

export const INIT_HELP = `heal init: write heal.config.json (and, with --github, the Actions workflow heal dispatches)

Usage
  heal init [--test <command>] [--github] [--force]

Options
  --test <command>   the test command (default: detected from package.json, pytest, go, cargo, make)
  --github           also write the setup command (installing dependencies, detected from the
                     lockfiles) into the config, and .github/workflows/heal-run.yml, the workflow
                     heal runs commands with on Actions runners, set up for this repository's
                     toolchain (Node.js, Python: version files, package manager, caches)
  --force            overwrite files that exist
`;

const HEAL_RUN_WORKFLOW = '.github/workflows/heal-run.yml';

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
  const root = repository.root;
  // Both refusals come before anything is written: init never leaves half of its files.
  const existing = CONFIG_FILE_NAMES.find((name) => existsSync(join(root, name)));
  if (existing && !values.force) {
    throw new HealingError(
      'INVALID_INPUT',
      `${existing} already exists: edit it, or pass --force to replace it`,
    );
  }
  if (values.github && existsSync(join(root, HEAL_RUN_WORKFLOW)) && !values.force) {
    throw new HealingError(
      'INVALID_INPUT',
      `${HEAL_RUN_WORKFLOW} already exists: pass --force to replace it`,
    );
  }
  const engine = await import('@healing/engine');
  const files = checkoutFiles(root);
  const detectedTest = values.test ? null : await engine.detectTestCommand(files);
  const testCommand = values.test ?? detectedTest?.command;
  if (testCommand === undefined) {
    throw new HealingError(
      'CONFIG_INVALID',
      'no test command found: pass --test "<command>" (for example --test "npm test")',
    );
  }
  const detectedSetup = await engine.detectSetupCommand(files);
  // Through GitHub every runner starts empty, so the config says how to install; locally heal
  // detects it on each run from the lockfiles as they are then.
  const setupCommand = values.github ? (detectedSetup?.command ?? null) : null;
  const defaultBranch = await defaultBranchOf(root);
  const config = starterConfig({ testCommand, setupCommand, defaultBranch: defaultBranch.branch });
  engine.parseHealConfig(config);
  await writeFile(join(root, 'heal.config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const setupLine =
    detectedSetup === null
      ? 'none (nothing to install found)'
      : `${detectedSetup.command} (${values.github ? 'detected' : 'detected on each run'}: ${detectedSetup.reason})`;
  io.stdout.write(
    [
      'wrote heal.config.json',
      `  tests: ${testCommand}${detectedTest ? ` (detected: ${detectedTest.reason})` : ''}`,
      `  setup: ${setupLine}`,
      `  defaultBranch: ${describeDefaultBranch(defaultBranch)}`,
      '',
    ].join('\n'),
  );
  if (values.github) {
    const [{ createFsStorage }, github] = await Promise.all([
      import('@healing/local'),
      import('@healing/github'),
    ]);
    const installed = await github.installActionsWorkflow(createFsStorage({ root }));
    const tools = github.describeToolchain(installed.toolchain);
    io.stdout.write(
      `wrote ${installed.path} (${tools.length === 0 ? 'no toolchain to set up' : `sets up ${tools.join('; ')}`})\n` +
        'commit and push heal.config.json and the workflow so heal can run tests on Actions runners\n',
    );
  }
  io.stdout.write('next: heal doctor, then heal run\n');
  return EXIT.ok;
}
