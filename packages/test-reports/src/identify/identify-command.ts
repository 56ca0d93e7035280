import type { RunnerName } from '../runner-name.js';
import type { PackageManifest } from './package-manifest.js';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** What one simple command runs, from its words (assignments already left out). */
export type CommandIdentity =
  | {
      readonly kind: 'runner';
      readonly runner: RunnerName;
      /** Index of the word after which the runner's own flags go (its program word, or `run`/`test`). */
      readonly insertAfter: number;
      /** `cargo nextest run`: read from the console only. */
      readonly isNextest: boolean;
    }
  | {
      readonly kind: 'script';
      readonly manager: PackageManagerName;
      readonly name: string;
      /** `pnpm test` / `pnpm t`: pnpm 9 and 10 pass its extra arguments differently. */
      readonly isPnpmTestAlias: boolean;
      /** Index of the script name; words after it are passed to the script. */
      readonly nameIndex: number;
    }
  | { readonly kind: 'unsupported'; readonly reason: string };

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const KNOWN_PROGRAMS = new Set([
  'mocha',
  '_mocha',
  'jest',
  'vitest',
  'node',
  'nodejs',
  'pytest',
  'py.test',
  'go',
  'cargo',
  'npx',
  'npm',
  'pnpm',
  'yarn',
  'bun',
  'bunx',
  'cross-env',
  'env',
]);
const NPX_VALUE_OPTIONS = new Set(['-p', '--package', '--node-options', '--cache']);
const UV_VALUE_OPTIONS = new Set([
  '--with',
  '--with-requirements',
  '--python',
  '-p',
  '--extra',
  '--group',
  '--package',
  '--directory',
  '--project',
  '--env-file',
  '--index',
]);
const NODE_VALUE_OPTIONS = new Set([
  '-r',
  '--require',
  '--import',
  '--loader',
  '--experimental-loader',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-name-pattern',
  '--test-skip-pattern',
  '--test-concurrency',
  '--test-timeout',
  '--conditions',
  '-C',
  '--env-file',
  '--input-type',
  '--title',
]);
const CARGO_VALUE_OPTIONS = new Set(['--color', '--config', '-Z', '-C', '--manifest-path']);
/** Options that make a package manager run another package's scripts, which this manifest does not hold. */
const OTHER_PACKAGE_OPTIONS = new Set([
  '-w',
  '--workspace',
  '-ws',
  '--workspaces',
  '--prefix',
  '-C',
  '--dir',
  '-r',
  '--recursive',
  '--filter',
  '-F',
  '--cwd',
  'workspace',
  'workspaces',
]);

const programName = (word: string): string => word.slice(word.lastIndexOf('/') + 1);

function skipOptions(words: readonly string[], from: number, valueOptions: ReadonlySet<string>): number {
  let at = from;
  while (at < words.length && (words[at] as string).startsWith('-')) {
    const word = words[at] as string;
    if (word === '--') return at + 1;
    at += valueOptions.has(word) ? 2 : 1;
  }
  return at;
}

/** Where `nyc`/`c8` options end: their value-taking options are many, the program after them is known. */
function skipToKnownProgram(words: readonly string[], from: number): number {
  for (let at = from; at < words.length; at++) {
    const word = words[at] as string;
    if (word === '--') return at + 1;
    if (!word.startsWith('-') && KNOWN_PROGRAMS.has(programName(word))) return at;
  }
  return words.length;
}

/** Skips the global options before a package manager's command; -1 when they point at another package. */
function skipManagerOptions(words: readonly string[], from: number): number {
  let at = from;
  while (at < words.length) {
    const word = words[at] as string;
    const option = word.split('=')[0] as string;
    if (OTHER_PACKAGE_OPTIONS.has(option)) return -1;
    if (!word.startsWith('-')) return at;
    at++;
  }
  return at;
}

function scriptOrBin(
  manager: PackageManagerName,
  words: readonly string[],
  at: number,
  manifest: PackageManifest,
): CommandIdentity | number {
  const name = words[at];
  if (name === undefined) return { kind: 'unsupported', reason: `${manager} without a script name` };
  if (manifest.scripts.has(name))
    return { kind: 'script', manager, name, isPnpmTestAlias: false, nameIndex: at };
  return at;
}

function identifyManager(
  manager: PackageManagerName,
  words: readonly string[],
  from: number,
  manifest: PackageManifest,
): CommandIdentity | number | null {
  const at = skipManagerOptions(words, from);
  if (at === -1) return { kind: 'unsupported', reason: `${manager} runs another package's script here` };
  const command = words[at];
  const script = (name: string, nameIndex: number, isPnpmTestAlias = false): CommandIdentity => ({
    kind: 'script',
    manager,
    name,
    isPnpmTestAlias,
    nameIndex,
  });
  if (command === undefined) return null;
  if (manager === 'bun') {
    if (command === 'test')
      return { kind: 'unsupported', reason: "bun test is bun's own runner, not supported here" };
    if (command === 'x') return skipOptions(words, at + 1, NPX_VALUE_OPTIONS);
    if (command !== 'run') return null;
    const name = skipOptions(words, at + 1, new Set());
    return manifest.scripts.has(words[name] ?? '') ? script(words[name] as string, name) : null;
  }
  if (['test', 't', 'tst'].includes(command)) return script('test', at, manager === 'pnpm');
  if (
    command === 'run' ||
    command === 'run-script' ||
    (manager === 'npm' && ['rum', 'urn'].includes(command))
  ) {
    const name = skipManagerOptions(words, at + 1);
    if (name === -1) return { kind: 'unsupported', reason: `${manager} runs another package's script here` };
    return words[name] === undefined ? null : script(words[name] as string, name);
  }
  if (command === 'exec' || command === 'x' || command === 'dlx') {
    return skipOptions(words, at + 1, NPX_VALUE_OPTIONS);
  }
  // pnpm and yarn run a script by its bare name, and a binary of node_modules/.bin when no script has it.
  if (manager === 'npm') return null;
  return scriptOrBin(manager, words, at, manifest);
}

function identifyNode(words: readonly string[], at: number): CommandIdentity | null {
  for (let index = at + 1; index < words.length; index++) {
    const word = words[index] as string;
    if (word === '--test') return { kind: 'runner', runner: 'node', insertAfter: at, isNextest: false };
    if (
      !word.startsWith('-') ||
      word === '-' ||
      ['-e', '--eval', '-p', '--print', '-c', '--check'].includes(word)
    )
      return null;
    if (NODE_VALUE_OPTIONS.has(word)) index++;
  }
  return null;
}

function identifyPython(words: readonly string[], at: number): CommandIdentity | null {
  for (let index = at + 1; index < words.length; index++) {
    const word = words[index] as string;
    if (word === '-m') {
      return words[index + 1] === 'pytest'
        ? { kind: 'runner', runner: 'pytest', insertAfter: index + 1, isNextest: false }
        : null;
    }
    if (word === '-mpytest')
      return { kind: 'runner', runner: 'pytest', insertAfter: index, isNextest: false };
    if (!word.startsWith('-') || word === '-c') return null;
    if (['-W', '-X', '-Q'].includes(word)) index++;
  }
  return null;
}

function identifyRunner(words: readonly string[], at: number): CommandIdentity | null {
  const program = programName(words[at] as string);
  const runner = (name: RunnerName, insertAfter = at, isNextest = false): CommandIdentity => ({
    kind: 'runner',
    runner: name,
    insertAfter,
    isNextest,
  });
  switch (program) {
    case 'mocha':
    case '_mocha':
      return runner('mocha');
    case 'jest':
      return runner('jest');
    case 'vitest': {
      const next = words[at + 1];
      if (next === 'run') return runner('vitest', at + 1);
      return ['watch', 'dev', 'bench', 'init', 'list'].includes(next ?? '') ? null : runner('vitest');
    }
    case 'node':
    case 'nodejs':
      return identifyNode(words, at);
    case 'pytest':
    case 'py.test':
      return runner('pytest');
    case 'go': {
      const command = words[at + 1] === '-C' ? at + 3 : at + 1;
      return words[command] === 'test' ? runner('go', command) : null;
    }
    case 'cargo': {
      let command = at + 1;
      if (words[command]?.startsWith('+')) command++;
      command = skipOptions(words, command, CARGO_VALUE_OPTIONS);
      if (words[command] === 'test') return runner('cargo', command);
      if (words[command] === 'nextest' && words[command + 1] === 'run')
        return runner('cargo', command + 1, true);
      return null;
    }
    default:
      return /^python(\d+(\.\d+)?)?$|^py$/.test(program) ? identifyPython(words, at) : null;
  }
}

/**
 * What a simple command runs, through the wrappers people put in front of runners
 * (`npx`, `cross-env A=1`, `nyc`, `node_modules/.bin/…`, `uv run`…). Returns the identity and
 * the word index it starts at, or null for anything else (`eslint .`, `tsc -b`).
 */
export function identifyCommand(
  words: readonly string[],
  manifest: PackageManifest,
): { readonly identity: CommandIdentity; readonly at: number } | null {
  let at = 0;
  for (let guard = 0; guard < 16 && at < words.length; guard++) {
    const program = programName(words[at] as string);
    let next: CommandIdentity | number | null;
    switch (program) {
      case 'time':
        next = words[at + 1] === '-p' ? at + 2 : at + 1;
        break;
      case 'env':
      case 'cross-env':
      case 'cross-env-shell': {
        next = at + 1;
        while (
          next < words.length &&
          (ASSIGNMENT.test(words[next] as string) || words[next]?.startsWith('-'))
        )
          next += words[next] === '-u' ? 2 : 1;
        break;
      }
      case 'dotenv': {
        const separator = words.indexOf('--', at + 1);
        next =
          separator === -1 ? skipOptions(words, at + 1, new Set(['-e', '-c', '-v', '-p'])) : separator + 1;
        break;
      }
      case 'nyc':
      case 'c8':
        next = skipToKnownProgram(words, at + 1);
        break;
      case 'npx':
      case 'bunx':
        if (words.slice(at + 1).some((word) => word === '-c' || word === '--call')) return null;
        next = skipOptions(words, at + 1, NPX_VALUE_OPTIONS);
        break;
      case 'uv':
      case 'poetry':
      case 'pipenv':
        next = words[at + 1] === 'run' ? skipOptions(words, at + 2, UV_VALUE_OPTIONS) : null;
        break;
      case 'npm':
      case 'pnpm':
      case 'yarn':
      case 'bun':
        next = identifyManager(program, words, at + 1, manifest);
        break;
      default:
        next = identifyRunner(words, at);
    }
    if (next === null) return null;
    if (typeof next !== 'number') return { identity: next, at };
    at = next;
  }
  return null;
}
