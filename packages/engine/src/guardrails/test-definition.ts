import { posix } from 'node:path';
import { parseJsonObject } from '../detect/parse-json-object.js';
import type { GuardrailViolation } from './check-guardrails.js';
import { iniSections, makeTargetRecipe, tomlSection, viteTestSection } from './config-sections.js';
import { testScriptsOf } from './test-scripts.js';

export interface ChangedFileText {
  readonly path: string;
  /** Text before the change; null when the file did not exist. */
  readonly before: string | null;
  /** Text after the change; null when the change deletes it. */
  readonly after: string | null;
}

/** Files that are a test runner's configuration as a whole: any change to them changes the run. */
const RUNNER_CONFIG_FILES = [
  /^\.mocharc(\.(js|cjs|mjs|json|jsonc|ya?ml))?$/,
  /^jest\.config\.[cm]?[jt]s$|^jest\.config\.json$/,
  /^vitest\.(config|workspace|projects)\.[cm]?[jt]s$|^vitest\.workspace\.json$/,
  /^ava\.config\.[cm]?js$/,
  /^\.nycrc(\.(json|ya?ml))?$|^\.c8rc(\.json)?$/,
  /^karma\.conf\.[cm]?[jt]s$/,
  /^pytest\.ini$/,
  /^conftest\.py$/,
  /^nextest\.toml$/,
];

/** package.json keys holding a runner's configuration. */
const MANIFEST_RUNNER_KEYS = ['jest', 'mocha', 'ava', 'nyc', 'c8', 'vitest'] as const;

/**
 * What in a candidate changes how the tests run, rather than the code they test: the scripts
 * the test command runs, a runner's configuration (files, package.json keys, the `test` section
 * of vite.config, pytest sections of pyproject.toml/setup.cfg/tox.ini, cargo's test targets,
 * nextest's config), the Makefile recipe the test command calls. No strategy may change those: a green run would then prove nothing.
 */
export function findTestDefinitionChanges(
  files: readonly ChangedFileText[],
  testCommand: string | readonly string[],
): GuardrailViolation[] {
  const violations: GuardrailViolation[] = [];
  const refuse = (path: string, what: string): void => {
    violations.push({
      rule: 'test-command-changed',
      path,
      message: `changes how the tests run: ${what} in ${path}`,
    });
  };
  for (const file of files) {
    if (file.before === file.after) continue;
    const name = posix.basename(file.path);
    if (RUNNER_CONFIG_FILES.some((pattern) => pattern.test(name))) {
      refuse(file.path, 'the test runner configuration');
    } else if (name === 'package.json') {
      for (const what of manifestChanges(file, testCommand)) refuse(file.path, what);
    } else if (/^vite\.config\.[cm]?[jt]s$/.test(name)) {
      if (viteTestSection(file.before) !== viteTestSection(file.after))
        refuse(file.path, 'the `test` section');
    } else if (name === 'pyproject.toml') {
      for (const section of ['tool.pytest.ini_options', 'tool.pytest']) {
        if (tomlSection(file.before, section) !== tomlSection(file.after, section))
          refuse(file.path, `[${section}]`);
      }
    } else if (name === 'setup.cfg' || name === 'tox.ini') {
      const pattern = name === 'setup.cfg' ? /^tool:pytest$/ : /^(pytest|testenv(:.*)?|tox)$/;
      if (iniSections(file.before, pattern) !== iniSections(file.after, pattern)) {
        refuse(file.path, name === 'setup.cfg' ? '[tool:pytest]' : 'the pytest and testenv sections');
      }
    } else if (name === 'Cargo.toml') {
      for (const section of ['[test]', 'lib', 'profile.test']) {
        if (tomlSection(file.before, section) !== tomlSection(file.after, section)) {
          refuse(file.path, `[${section}]`);
        }
      }
    } else if (/^(GNUmakefile|[Mm]akefile)$/.test(name)) {
      const target = makeTargetOf(testCommand) ?? 'test';
      if (makeTargetRecipe(file.before, target) !== makeTargetRecipe(file.after, target)) {
        refuse(file.path, `the \`${target}\` target`);
      }
    }
  }
  return violations;
}

function manifestChanges(file: ChangedFileText, testCommand: string | readonly string[]): string[] {
  const before = parseJsonObject(file.before);
  const after = parseJsonObject(file.after);
  if (before === null && after === null) return [];
  const changes: string[] = [];
  const scripts = (manifest: Record<string, unknown> | null): Record<string, string> =>
    (manifest?.scripts as Record<string, string> | undefined) ?? {};
  const names = new Set([
    ...testScriptsOf(scripts(before), testCommand),
    ...testScriptsOf(scripts(after), testCommand),
  ]);
  for (const name of [...names].sort()) {
    if (scripts(before)[name] !== scripts(after)[name]) changes.push(`the "${name}" script`);
  }
  for (const key of MANIFEST_RUNNER_KEYS) {
    if (JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key])) changes.push(`the "${key}" settings`);
  }
  return changes;
}

function makeTargetOf(command: string | readonly string[]): string | null {
  const words = typeof command === 'string' ? command.trim().split(/\s+/) : [...command];
  if (words[0] !== 'make') return null;
  return words.slice(1).find((word) => !word.startsWith('-') && !word.includes('=')) ?? null;
}
