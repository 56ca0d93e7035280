import type { RunProblem } from '@healing/adapters';
import { isProjectPath, projectPaths } from './project-paths.js';

export type Verdict =
  | { readonly kind: 'problem'; readonly problem: RunProblem }
  /** The project's own code failed to load or build: a failure to heal, with its evidence. */
  | { readonly kind: 'project'; readonly evidence: string }
  | { readonly kind: 'none' };

const NOT_FOUND = [
  /^.*: \d+: .*: not found$/m,
  /^.*: (?:line \d+: )?\S+: (?:command )?not found$/m,
  /^.*command not found.*$/m,
  /^.*could not determine executable to run.*$/m,
  /^.*Command "[^"]+" not found.*$/m,
  /^.*env: '[^']+': No such file or directory.*$/m,
  /^.*Error: spawn \S+ ENOENT.*$/m,
  /^.*Missing script: .*$/m,
  // cargo's answer to a subcommand that is not installed (`cargo nextest run` without nextest).
  /^.*error: no such command: .*$/m,
];
// pytest's usage error for an option only a plugin provides (`--cov` without pytest-cov).
const PYTEST_UNKNOWN_OPTION = /^.*error: unrecognized arguments: .*$/m;
const NODE_MODULE = /Cannot find (?:module|package) '([^']+)'/;
const PYTHON_MODULE = /No module named '?([\w.]+)'?/;
const GO_MODULE =
  /^.*(?:no required module provides package|missing go\.sum entry|cannot find module providing package|cannot find package ").*$/m;
const CARGO_DEPENDENCY =
  /^.*(?:no matching package named|failed to get `[^`]+` as a dependency|failed to download).*$/m;
const NO_TESTS = [
  /^.*No tests found, exiting with code.*$/m,
  /^.*No test files found.*$/m,
  /^.*no tests ran.*$/m,
  /^.*\[no test files\].*$/m,
];
const SYNTAX_ERROR = /^.*\b(SyntaxError|IndentationError)\b.*$/m;
const ERROR_LINE = /^\s*(?:E\s+)?(?:\w+\.)*(\w*Error|\w*Exception|error(?:\[\w+\])?)\b:?.*$/m;

const lineOf = (text: string, index: number): string => {
  const start = text.lastIndexOf('\n', index) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? text.length : end).trim();
};

/** What a missing module says about the run: a missing dependency, the project's own code, or nothing. */
export function moduleVerdict(text: string, rootDir: string | null): Verdict {
  const node = NODE_MODULE.exec(text);
  if (node) {
    const specifier = node[1] as string;
    const evidence = lineOf(text, node.index);
    const isPath = /^(\.{1,2}\/|\/|file:|[A-Za-z]:\\)/.test(specifier);
    if (isPath && (specifier.startsWith('.') || isProjectPath(specifier.replace(/^file:\/\//, ''), rootDir)))
      return { kind: 'project', evidence };
    return { kind: 'problem', problem: { kind: 'missing-dependency', message: evidence } };
  }
  const python = PYTHON_MODULE.exec(text);
  if (python) {
    const module = python[1] as string;
    const evidence = lineOf(text, python.index);
    const top = module.split('.')[0] as string;
    // A module of the project's own is one whose top-level package is a folder or file the
    // output shows inside rootDir (`tests.helpers` with tests/test_a.py in the traceback).
    const isOwn =
      module.startsWith('.') ||
      projectPaths(text, rootDir).some((path) => {
        const first = path.replace(/^\.\//, '').split('/')[0] as string;
        return first === top || first === `${top}.py`;
      });
    return isOwn
      ? { kind: 'project', evidence }
      : { kind: 'problem', problem: { kind: 'missing-dependency', message: evidence } };
  }
  const other = GO_MODULE.exec(text) ?? CARGO_DEPENDENCY.exec(text);
  if (other) return { kind: 'problem', problem: { kind: 'missing-dependency', message: other[0].trim() } };
  return { kind: 'none' };
}

/** Signs that the project's own code failed: a syntax error, or an error located in its files. */
function projectFailure(text: string, rootDir: string | null): string | null {
  const syntax = SYNTAX_ERROR.exec(text);
  if (syntax && !/node_modules|site-packages/.test(text.slice(Math.max(0, syntax.index - 400), syntax.index)))
    return syntax[0].trim();
  if (projectPaths(text, rootDir).length === 0) return null;
  return ERROR_LINE.exec(text)?.[0].trim() ?? null;
}

/**
 * Why a run that reported no test could not run, or that the project's own code failed.
 * Checked in order: a missing program, a missing dependency, no tests, the project's code.
 */
export function classifyRun(input: {
  readonly text: string;
  readonly exitCode: number | null;
  readonly sawNoTests: boolean;
  readonly rootDir: string | null;
  /** pytest exits 5 when it collected nothing; other programs mean other things by 5. */
  readonly isPytest: boolean;
}): Verdict {
  const { text, exitCode, rootDir } = input;
  const notFound = NOT_FOUND.map((pattern) => pattern.exec(text)).find((match) => match !== null);
  if (notFound || exitCode === 127) {
    const message = notFound?.[0].trim() ?? 'exit code 127: the shell did not find the program';
    return { kind: 'problem', problem: { kind: 'command-not-found', message } };
  }
  const module = moduleVerdict(text, rootDir);
  if (module.kind !== 'none') return module;
  if (input.isPytest && (exitCode === 3 || exitCode === 4)) {
    // 4: a usage error, 3: an internal error; neither ran a test.
    const unknown = PYTEST_UNKNOWN_OPTION.exec(text);
    if (unknown) {
      return {
        kind: 'problem',
        problem: {
          kind: 'missing-dependency',
          message: `${unknown[0].trim()} (a pytest plugin is not installed)`,
        },
      };
    }
    const line =
      ERROR_LINE.exec(text)?.[0].trim() ?? `pytest exited with code ${exitCode} before running tests`;
    return { kind: 'problem', problem: { kind: 'crashed', message: line } };
  }
  const noTests = NO_TESTS.map((pattern) => pattern.exec(text)).find((match) => match !== null);
  if (input.sawNoTests || noTests || (input.isPytest && exitCode === 5)) {
    const message = noTests?.[0].trim() ?? 'the runner found no tests';
    return { kind: 'problem', problem: { kind: 'no-tests', message } };
  }
  const evidence = exitCode === 0 ? null : projectFailure(text, rootDir);
  return evidence === null ? { kind: 'none' } : { kind: 'project', evidence };
}
