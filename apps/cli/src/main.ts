import { EXIT } from './exit-codes.js';
import { MAIN_HELP } from './help.js';
import type { CliIo } from './io.js';
import { cliVersion } from './version.js';

type CommandRunner = (args: readonly string[], io: CliIo) => Promise<number>;

// Commands load lazily so `heal --help` starts without loading the engine or native modules.
const COMMANDS: Readonly<Record<string, () => Promise<CommandRunner>>> = {
  run: async () => (await import('./commands/run.js')).runCommand,
  demo: async () => (await import('./commands/demo.js')).demoCommand,
  patch: async () => (await import('./commands/patch.js')).runPatch,
  history: async () => (await import('./commands/history.js')).historyCommand,
  status: async () => (await import('./commands/history.js')).statusCommand,
  cache: async () => (await import('./commands/cache.js')).cacheCommand,
  init: async () => (await import('./commands/init.js')).initCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
};

/** Runs the CLI and returns its exit code; only this layer turns errors into messages and codes. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
    io.stdout.write(MAIN_HELP);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  if (first === '-v' || first === '--version') {
    io.stdout.write(`${cliVersion()}\n`);
    return EXIT.ok;
  }
  const load = COMMANDS[first];
  if (!load) {
    io.stderr.write(`heal: unknown command "${first}". Run \`heal --help\` to see the commands.\n`);
    return EXIT.usage;
  }
  try {
    const run = await load();
    return await run(rest, io);
  } catch (error) {
    // Loaded only on failure: it pulls in zod through @healing/adapters, which --help need not pay for.
    const { reportError } = await import('./report-error.js');
    return reportError(error, io, { json: rest.includes('--json') });
  }
}
