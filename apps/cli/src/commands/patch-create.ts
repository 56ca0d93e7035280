import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isHealingError } from '@healing/adapters';
import { createPatch, readTree } from '@healing/patch';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

const USAGE = 'Usage: heal patch create [-U<n>] [--no-renames] <before-dir> <after-dir>\n';

interface CreateArgs {
  readonly context: number;
  readonly detectRenames: boolean;
  readonly before: string;
  readonly after: string;
}

function parseArgs(args: readonly string[]): CreateArgs | string {
  let context = 3;
  let detectRenames = true;
  const dirs: string[] = [];
  for (const arg of args) {
    const unified = /^(?:-U|--unified=)(\d+)$/.exec(arg);
    if (unified) context = Number(unified[1]);
    else if (arg === '--no-renames') detectRenames = false;
    else if (arg.startsWith('-')) return `unknown option "${arg}"`;
    else dirs.push(arg);
  }
  if (dirs.length !== 2) return 'give two directories: the tree before and the tree after';
  return { context, detectRenames, before: dirs[0] as string, after: dirs[1] as string };
}

/** `heal patch create <before-dir> <after-dir>`: prints the git-format patch between two trees. */
export async function runPatchCreate(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`heal patch create: ${parsed}. ${USAGE}`);
    return EXIT.usage;
  }
  const cwd = io.cwd ?? process.cwd();
  const roots = [resolve(cwd, parsed.before), resolve(cwd, parsed.after)];
  for (const root of roots) {
    const isDirectory = await stat(root).then(
      (stats) => stats.isDirectory(),
      () => false,
    );
    if (!isDirectory) {
      io.stderr.write(`heal patch create: ${root} is not a directory. ${USAGE}`);
      return EXIT.usage;
    }
  }
  try {
    const [before, after] = await Promise.all(roots.map((root) => readTree(root)));
    io.stdout.write(
      createPatch(before ?? new Map(), after ?? new Map(), {
        context: parsed.context,
        detectRenames: parsed.detectRenames,
      }),
    );
    return EXIT.ok;
  } catch (error) {
    if (!isHealingError(error)) throw error;
    io.stderr.write(`heal patch create: ${error.message}\n`);
    return EXIT.notHealed;
  }
}
