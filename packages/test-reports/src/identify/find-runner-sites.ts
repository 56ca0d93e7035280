import type { RunnerName } from '../runner-name.js';
import { lastCommandTakingArguments, parseShellLine } from '../shell/simple-commands.js';
import { type CommandIdentity, identifyCommand, type PackageManagerName } from './identify-command.js';
import type { PackageManifest } from './package-manifest.js';

/** A word of the user's own command: offsets in a shell line, or a position in an argv. */
export interface CommandWord {
  readonly value: string;
  /** Offset after the word in the line; for an argv, the index after the element. */
  readonly end: number;
}

/** How extra arguments given to a package-manager invocation reach the last command of its script. */
export interface ScriptArguments {
  /** The last word of the package-manager invocation in the user's command. */
  readonly after: CommandWord;
  /** Words to put before the flags (`--` for npm). */
  readonly prefix: readonly string[];
  /**
   * `pnpm test` of an unknown pnpm: `run` goes after this word (`pnpm run test`, the same
   * script), because pnpm 9 reads `pnpm test`'s flags itself and `pnpm run` passes them on in
   * every version.
   */
  readonly runAfter?: CommandWord;
}

/** One place in the command where a test runner runs. */
export interface RunnerSite {
  readonly runner: RunnerName;
  readonly isNextest: boolean;
  /** The runner's own arguments as written (and those passed to its script), to see the user's flags. */
  readonly args: readonly string[];
  /** Set when the runner is in the user's command itself: its flags go right after this word. */
  readonly insertAfter: CommandWord | null;
  /** The last word of the runner's simple command in the user's command (cargo's `-- --exact` goes after it). */
  readonly lastWord: CommandWord | null;
  /** Set when it runs through a script and arguments appended to the invocation reach it. */
  readonly scriptArguments: ScriptArguments | null;
  /** `npm test → test:unit`: the scripts it was reached through, empty when direct. */
  readonly via: readonly string[];
}

export interface RunnerSites {
  readonly sites: readonly RunnerSite[];
  /** Things seen that this package does not read (bun test, another package's script). */
  readonly notes: readonly string[];
  /** `go list`, `go vet`, `go env` run somewhere in the scripts: GOFLAGS=-json would change their output. */
  readonly hasOtherGoCommands: boolean;
}

const MAX_SCRIPT_DEPTH = 5;

/** Marks `pnpm test` to be run as `pnpm run test`, which passes flags on in every pnpm. */
const RUN_INSTEAD: readonly string[] = [];

/** How `<manager> <script> <args>` passes `args` on, or null when it is not known to reach the script. */
function scriptArgumentPrefix(
  manager: PackageManagerName,
  identity: Extract<CommandIdentity, { kind: 'script' }>,
  hasSeparator: boolean,
  manifest: PackageManifest,
): readonly string[] | null {
  if (manager === 'npm') return hasSeparator ? [] : ['--'];
  if (manager === 'yarn') return hasSeparator ? null : []; // yarn 2+ passes a `--` on literally
  if (manager !== 'pnpm') return null; // bun: not verified here
  if (!identity.isPnpmTestAlias) return hasSeparator ? null : []; // pnpm run passes a `--` on literally
  // `pnpm test`: pnpm 9 reads flags itself unless after `--`; pnpm 10+ passes `--` on literally.
  const version = manifest.packageManager?.name === 'pnpm' ? manifest.packageManager.major : null;
  if (version === null) return hasSeparator ? null : RUN_INSTEAD;
  if (version >= 10) return hasSeparator ? null : [];
  return hasSeparator ? [] : ['--'];
}

interface Search {
  readonly manifest: PackageManifest;
  readonly sites: RunnerSite[];
  readonly notes: string[];
  hasOtherGoCommands: boolean;
}

interface Reached {
  readonly via: readonly string[];
  /** Arguments the package-manager invocation passes to this command (it is its script's last). */
  readonly passed: readonly string[];
  /** How flags appended to the user's invocation reach this command; null when they do not. */
  readonly scriptArguments: ScriptArguments | null;
}

function searchScript(search: Search, name: string, reached: Reached): void {
  const text = search.manifest.scripts.get(name);
  if (text === undefined) {
    search.notes.push(`no script "${name}" in package.json`);
    return;
  }
  if (reached.via.length > MAX_SCRIPT_DEPTH || reached.via.slice(0, -1).includes(name)) return;
  const line = parseShellLine(text);
  const last = lastCommandTakingArguments(line);
  for (const command of line.commands) {
    const isLast = command === last;
    searchCommand(
      search,
      command.words.map((word) => word.value),
      {
        via: reached.via,
        passed: isLast ? reached.passed : [],
        scriptArguments: isLast ? reached.scriptArguments : null,
      },
    );
  }
}

function searchCommand(
  search: Search,
  values: readonly string[],
  reached: Reached,
  top?: { readonly words: readonly CommandWord[] },
): void {
  if (values[0] === 'go' && !values.includes('test')) search.hasOtherGoCommands = true;
  const found = identifyCommand(values, search.manifest);
  if (found === null) return;
  const { identity } = found;
  if (identity.kind === 'unsupported') {
    search.notes.push(identity.reason);
    return;
  }
  if (identity.kind === 'script') {
    const after = values.slice(identity.nameIndex + 1);
    const lastWord = top?.words.at(-1);
    const prefix = scriptArgumentPrefix(identity.manager, identity, after.includes('--'), search.manifest);
    searchScript(search, identity.name, {
      via: [...reached.via, identity.name],
      passed: after.filter((word) => word !== '--'),
      // Flags appended to a nested `npm run x` would be read by that npm, not passed on.
      scriptArguments:
        lastWord !== undefined && prefix !== null
          ? {
              after: lastWord,
              prefix,
              ...(prefix === RUN_INSTEAD && top?.words[identity.nameIndex - 1]
                ? { runAfter: top.words[identity.nameIndex - 1] as CommandWord }
                : {}),
            }
          : null,
    });
    return;
  }
  search.sites.push({
    runner: identity.runner,
    isNextest: identity.isNextest,
    args: [...values.slice(identity.insertAfter + 1), ...reached.passed],
    insertAfter: top?.words[identity.insertAfter] ?? null,
    lastWord: top?.words.at(-1) ?? null,
    scriptArguments: reached.scriptArguments,
    via: reached.via,
  });
}

/** Finds the test runners a command runs, through package.json scripts (nested ones too). */
export function findRunnerSites(
  commands: readonly { readonly words: readonly CommandWord[] }[],
  manifest: PackageManifest,
): RunnerSites {
  const search: Search = { manifest, sites: [], notes: [], hasOtherGoCommands: false };
  for (const command of commands) {
    const values = command.words.map((word) => word.value);
    searchCommand(search, values, { via: [], passed: [], scriptArguments: null }, command);
  }
  return { sites: search.sites, notes: search.notes, hasOtherGoCommands: search.hasOtherGoCommands };
}
