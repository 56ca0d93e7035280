// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are workflow expressions, written as in YAML
import { describe, expect, it } from 'vitest';
import { evaluateExpression, stepShouldRun, substituteExpressions } from './expressions.js';

const scope = {
  inputs: { correlation: 'c-1', flag: 'true', empty: '' },
  github: { sha: 'abc', ref: 'refs/heads/main', ref_name: 'main' },
  env: { NAME: 'x' },
  runner: { os: 'Linux' },
};
const running = { hasFailed: false, isCancelled: false };
const failed = { hasFailed: true, isCancelled: false };
const cancelled = { hasFailed: false, isCancelled: true };

describe('substituteExpressions', () => {
  it('substitutes inputs, github, env, runner, event inputs and string literals', () => {
    const text =
      "${{ inputs.correlation }} ${{github.sha}} ${{ env.NAME }} ${{ runner.os }} ${{ github.event.inputs.correlation }} ${{ 'it''s' }}";
    expect(substituteExpressions(text, scope)).toBe("c-1 abc x Linux c-1 it's");
  });

  it("evaluates GitHub's operators and functions", () => {
    expect(substituteExpressions("${{ inputs.empty || 'fallback' }}", scope)).toBe('fallback');
    expect(
      substituteExpressions("${{ format('{0}-{1}', inputs.correlation, github.ref_name) }}", scope),
    ).toBe('c-1-main');
    expect(
      substituteExpressions("${{ startsWith(github.ref, 'refs/heads/') && 'branch' || 'tag' }}", scope),
    ).toBe('branch');
  });

  it('reads unknown values and secrets as the empty string', () => {
    expect(
      substituteExpressions('[${{ secrets.TOKEN }}][${{ inputs.none }}][${{ matrix.node }}]', scope),
    ).toBe('[][][]');
  });

  it('refuses expressions GitHub would refuse, naming them', () => {
    expect(() => evaluateExpression('nope.value', scope)).toThrow(/nope\.value.*cannot be evaluated/);
    expect(() => substituteExpressions('${{ hashFiles() }}', scope)).toThrow(/CONFIG|hashFiles/);
  });
});

describe('stepShouldRun', () => {
  it('runs by default only while nothing failed', () => {
    expect([undefined, true, false].map((condition) => stepShouldRun(condition, scope, running))).toEqual([
      true,
      true,
      false,
    ]);
    expect(stepShouldRun(undefined, scope, failed)).toBe(false);
  });

  it('honours the status functions', () => {
    expect(stepShouldRun('always()', scope, failed)).toBe(true);
    expect(stepShouldRun('${{ failure() }}', scope, failed)).toBe(true);
    expect(stepShouldRun('failure()', scope, running)).toBe(false);
    expect(stepShouldRun('cancelled()', scope, cancelled)).toBe(true);
    expect(stepShouldRun('success()', scope, cancelled)).toBe(false);
  });

  it('implies success() && (condition) when the condition calls no status function', () => {
    expect(stepShouldRun("github.ref == 'refs/heads/main'", scope, running)).toBe(true);
    expect(stepShouldRun("github.ref == 'refs/heads/main'", scope, failed)).toBe(false);
    expect(stepShouldRun("${{ inputs.flag == 'true' }}", scope, running)).toBe(true);
    expect(stepShouldRun("inputs.flag == 'false'", scope, running)).toBe(false);
  });
});
