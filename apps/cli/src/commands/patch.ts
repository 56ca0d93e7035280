import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';

export const PATCH_HELP = `heal patch: apply or create git-format patches

Usage
  heal patch apply [--check] [-R] [--recount] <patchfile|->
  heal patch create [-U<n>] [--no-renames] <before-dir> <after-dir>

apply   applies a patch (git diff, git format-patch or unified diff) to the working tree in
        the current directory, all files or none. --check only tells whether it applies;
        -R (--reverse) applies it backwards; --recount ignores the line counts in hunk
        headers (for hand- or model-written patches). "-" reads the patch from stdin.
create  prints a git-format patch that turns <before-dir> into <after-dir> (both read
        without following symbolic links; .git is skipped).

Exit codes
  0  applied (or created)     1  the patch does not apply or is unsafe; nothing was changed
  2  usage error
`;

/** `heal patch <apply|create>`: loads the subcommand it is asked for. */
export async function runPatch(args: readonly string[], io: CliIo): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand === '-h' || subcommand === '--help' || subcommand === 'help') {
    io.stdout.write(PATCH_HELP);
    return EXIT.ok;
  }
  if (subcommand === 'apply') return (await import('./patch-apply.js')).runPatchApply(rest, io);
  if (subcommand === 'create') return (await import('./patch-create.js')).runPatchCreate(rest, io);
  io.stderr.write(
    subcommand === undefined
      ? 'heal patch: missing subcommand (apply or create). Run `heal patch --help`.\n'
      : `heal patch: unknown subcommand "${subcommand}" (apply or create). Run \`heal patch --help\`.\n`,
  );
  return EXIT.usage;
}
