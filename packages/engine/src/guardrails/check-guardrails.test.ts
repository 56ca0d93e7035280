import { describe, expect, it } from 'vitest';
import { DEFAULT_TEST_FILE_GLOBS } from '../config/heal-config.js';
import { checkGuardrails, type GuardrailOptions } from './check-guardrails.js';
import type { PatchFileSummary, PatchSummary } from './patch-summary.js';

const options: GuardrailOptions = {
  protectedPaths: ['infra/**'],
  testFiles: [...DEFAULT_TEST_FILE_GLOBS],
  maxChangedLines: 20,
  maxChangedFiles: 3,
  failingTestFiles: ['test/sum.test.js'],
};

const edit = (path: string, added: string[], removed: string[] = []): PatchFileSummary => ({
  oldPath: path,
  newPath: path,
  addedLines: added,
  removedLines: removed,
  isBinary: false,
});

const summary = (...files: PatchFileSummary[]): PatchSummary => ({
  files,
  insertions: files.reduce((sum, file) => sum + file.addedLines.length, 0),
  deletions: files.reduce((sum, file) => sum + file.removedLines.length, 0),
});

const rules = (patch: PatchSummary, overrides: Partial<GuardrailOptions> = {}) =>
  checkGuardrails(patch, { ...options, ...overrides }).map((violation) => violation.rule);

describe('checkGuardrails', () => {
  it('allows a small source fix', () => {
    expect(rules(summary(edit('src/sum.js', ['  return a + b;'], ['  return a - b;'])))).toEqual([]);
  });

  it('refuses .github/** always and configured protected globs', () => {
    expect(rules(summary(edit('.github/workflows/ci.yml', ['on: push'])))).toEqual(['protected-path']);
    expect(rules(summary(edit('infra/deploy.sh', ['x'])))).toEqual(['protected-path']);
  });

  it('refuses edits to the failing test file, even harmless ones', () => {
    expect(rules(summary(edit('test/sum.test.js', ['// comment'])))).toEqual(['failing-test-edited']);
  });

  it('refuses new skips and removed or rewritten assertions in other test files', () => {
    expect(rules(summary(edit('test/mul.test.js', ["it.skip('multiplies', () => {"])))).toEqual([
      'test-skipped',
    ]);
    expect(rules(summary(edit('tests/test_math.py', ['@pytest.mark.skip'])))).toEqual(['test-skipped']);
    expect(
      rules(
        summary(edit('test/mul.test.js', ['  expect(mul(2, 3)).toBe(5);'], ['  expect(mul(2, 3)).toBe(6);'])),
      ),
    ).toEqual(['assertion-removed']);
  });

  it('allows moving an assertion line unchanged', () => {
    const moved = edit(
      'test/mul.test.js',
      ['  expect(mul(2, 3)).toBe(6);'],
      ['  expect(mul(2, 3)).toBe(6);'],
    );
    expect(rules(summary(moved))).toEqual([]);
  });

  it('refuses deleting and renaming test files', () => {
    const deleted: PatchFileSummary = { ...edit('test/mul.test.js', []), newPath: null };
    const renamed: PatchFileSummary = { ...edit('test/mul.test.js', []), newPath: 'test/mul2.test.js' };
    expect(rules(summary(deleted))).toEqual(['test-deleted']);
    expect(rules(summary(renamed))).toEqual(['test-renamed']);
  });

  it('lets the revert of a culprit edit the test files the culprit changed', () => {
    const revert = summary(
      edit('test/sum.test.js', [], ['  expect(sum(1, 2)).toBe(3);']),
      edit('src/sum.js', ['a'], ['b']),
    );
    expect(rules(revert)).toEqual(['failing-test-edited', 'assertion-removed']);
    expect(rules(revert, { exemptTestFiles: ['test/sum.test.js'] })).toEqual([]);
  });

  it('refuses a diff over the size limits and an empty one', () => {
    const big = edit(
      'src/big.js',
      Array.from({ length: 21 }, (_, index) => `line ${index}`),
    );
    expect(rules(summary(big))).toEqual(['diff-too-large']);
    expect(
      rules(summary(edit('a.js', ['x']), edit('b.js', ['x']), edit('c.js', ['x']), edit('d.js', ['x']))),
    ).toEqual(['diff-too-large']);
    expect(rules(summary())).toEqual(['empty-change']);
  });

  it('refuses paths that leave the repository', () => {
    expect(rules(summary(edit('../outside.js', ['x'])))).toEqual(['unsafe-path']);
  });
});
