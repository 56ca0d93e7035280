import { isHealingError } from '@healing/adapters';
import { applyPatch, createDirectoryView, writeChanges } from '@healing/patch';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { type PatchStdin, readPatchInput } from './patch-input.js';

interface ApplyArgs {
  readonly check: boolean;
  readonly reverse: boolean;
  readonly recount: boolean;
  readonly source: string;
}

function parseArgs(args: readonly string[]): ApplyArgs | string {
  let check = false;
  let reverse = false;
  let recount = false;
  const sources: string[] = [];
  for (const arg of args) {
    if (arg === '--check') check = true;
    else if (arg === '-R' || arg === '--reverse') reverse = true;
    else if (arg === '--recount') recount = true;
    else if (arg.startsWith('-') && arg !== '-') return `unknown option "${arg}"`;
    else sources.push(arg);
  }
  if (sources.length !== 1) {
    return sources.length === 0
      ? 'missing the patch file (or - for standard input)'
      : 'give exactly one patch file';
  }
  return { check, reverse, recount, source: sources[0] as string };
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `heal patch apply [--check] [-R] [--recount] <patchfile|->`: all files or none, in the current directory. */
export async function runPatchApply(args: readonly string[], io: CliIo & PatchStdin): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    io.stdout.write('Usage: heal patch apply [--check] [-R] [--recount] <patchfile|->\n');
    return EXIT.ok;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(
      `heal patch apply: ${parsed}. Usage: heal patch apply [--check] [-R] [--recount] <patchfile|->\n`,
    );
    return EXIT.usage;
  }
  const cwd = io.cwd ?? process.cwd();
  let patch: Buffer;
  try {
    patch = await readPatchInput(parsed.source, cwd, io);
  } catch (error) {
    io.stderr.write(`heal patch apply: cannot read ${parsed.source}: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  try {
    const application = await applyPatch(patch, createDirectoryView(cwd), {
      reverse: parsed.reverse,
      recount: parsed.recount,
    });
    if (!parsed.check) await writeChanges(cwd, application.changes);
    const verb = parsed.check ? 'applies cleanly to' : 'applied to';
    io.stdout.write(`patch ${verb} ${plural(application.files.length, 'file')}\n`);
    return EXIT.ok;
  } catch (error) {
    if (!isHealingError(error)) throw error;
    io.stderr.write(`heal patch apply: ${error.message}\nnothing was changed.\n`);
    return EXIT.notHealed;
  }
}
