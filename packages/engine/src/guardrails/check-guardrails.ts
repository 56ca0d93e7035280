import { normalizeRepoPath } from '@healing/adapters';
import picomatch from 'picomatch';
import { ALWAYS_PROTECTED_PATHS } from '../config/heal-config.js';
import type { PatchSummary } from './patch-summary.js';
import { ASSERTION_PATTERNS, matchesAny, SKIP_PATTERNS } from './test-integrity-patterns.js';

export type GuardrailRule =
  | 'empty-change'
  | 'unsafe-path'
  | 'protected-path'
  | 'diff-too-large'
  | 'test-deleted'
  | 'test-renamed'
  | 'test-skipped'
  | 'assertion-removed'
  | 'failing-test-edited'
  | 'test-command-changed';

export interface GuardrailViolation {
  readonly rule: GuardrailRule;
  readonly path?: string;
  readonly message: string;
}

export interface GuardrailOptions {
  readonly protectedPaths: readonly string[];
  readonly testFiles: readonly string[];
  readonly maxChangedLines: number;
  readonly maxChangedFiles: number;
  /** Repository paths of the tests that fail; a fix may not edit them. */
  readonly failingTestFiles: readonly string[];
  /**
   * Test files a candidate may edit anyway: the files the culprit commit itself changed,
   * when the candidate is that commit's revert.
   */
  readonly exemptTestFiles?: readonly string[];
}

/**
 * Checks a candidate patch against the rules no fix may break, mechanically: the model is
 * never trusted to follow them. Returns every violation; an empty list means allowed.
 */
export function checkGuardrails(summary: PatchSummary, options: GuardrailOptions): GuardrailViolation[] {
  const violations: GuardrailViolation[] = [];
  if (summary.files.length === 0) {
    return [{ rule: 'empty-change', message: 'the candidate changes nothing' }];
  }
  const isProtected = picomatch([...ALWAYS_PROTECTED_PATHS, ...options.protectedPaths], { dot: true });
  const isTestFile = picomatch([...options.testFiles], { dot: true });
  const exempt = new Set(options.exemptTestFiles ?? []);
  const isFailingTestFile = (path: string): boolean =>
    options.failingTestFiles.some((file) => file === path || file.endsWith(`/${path}`));

  const changedLines = summary.insertions + summary.deletions;
  if (changedLines > options.maxChangedLines || summary.files.length > options.maxChangedFiles) {
    violations.push({
      rule: 'diff-too-large',
      message: `the candidate changes ${summary.files.length} files and ${changedLines} lines; the limits are ${options.maxChangedFiles} files and ${options.maxChangedLines} lines (guardrails.maxChangedFiles, guardrails.maxChangedLines)`,
    });
  }
  for (const file of summary.files) {
    const paths = [file.oldPath, file.newPath].filter((path): path is string => path !== null);
    const unsafe = paths.find((path) => !isSafe(path));
    if (unsafe !== undefined) {
      violations.push({ rule: 'unsafe-path', path: unsafe, message: `${unsafe} is outside the repository` });
      continue;
    }
    const path = file.newPath ?? file.oldPath ?? '';
    const hit = paths.find((candidate) => isProtected(candidate));
    if (hit !== undefined) {
      violations.push({ rule: 'protected-path', path: hit, message: `${hit} is a protected path` });
    }
    const testPaths = paths.filter((candidate) => isTestFile(candidate) || isFailingTestFile(candidate));
    if (testPaths.length === 0 || paths.every((candidate) => exempt.has(candidate))) continue;
    if (file.newPath === null) {
      violations.push({ rule: 'test-deleted', path, message: `deletes the test file ${path}` });
    } else if (file.oldPath !== null && file.oldPath !== file.newPath) {
      violations.push({
        rule: 'test-renamed',
        path,
        message: `renames the test file ${file.oldPath} to ${file.newPath}`,
      });
    }
    if (paths.some(isFailingTestFile)) {
      violations.push({ rule: 'failing-test-edited', path, message: `edits the failing test file ${path}` });
    }
    const skipping = file.addedLines.find((line) => matchesAny(line, SKIP_PATTERNS));
    if (skipping !== undefined) {
      violations.push({
        rule: 'test-skipped',
        path,
        message: `skips or narrows tests in ${path}: ${skipping.trim()}`,
      });
    }
    const kept = new Set(file.addedLines.map((line) => line.trim()));
    const weakened = file.removedLines.find(
      (line) => matchesAny(line, ASSERTION_PATTERNS) && !kept.has(line.trim()),
    );
    if (weakened !== undefined) {
      violations.push({
        rule: 'assertion-removed',
        path,
        message: `removes or rewrites an assertion in ${path}: ${weakened.trim()}`,
      });
    }
  }
  return violations;
}

function isSafe(path: string): boolean {
  try {
    return normalizeRepoPath(path) === path;
  } catch {
    return false;
  }
}
