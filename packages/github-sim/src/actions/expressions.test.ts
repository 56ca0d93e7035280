// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are workflow expressions, written as in YAML
import { describe, expect, it } from 'vitest';
import { stepCondition, substituteExpressions } from './expressions.js';

const scope = {
  inputs: { correlation: 'c-1' },
  github: { sha: 'abc', ref_name: 'main' },
  env: { NAME: 'x' },
  runner: { os: 'Linux' },
};

describe('substituteExpressions', () => {
  it('substitutes inputs, github, env, runner, event inputs and string literals', () => {
    const text =
      "${{ inputs.correlation }} ${{github.sha}} ${{ env.NAME }} ${{ runner.os }} ${{ github.event.inputs.correlation }} ${{ 'it''s' }}";
    expect(substituteExpressions(text, scope)).toBe("c-1 abc x Linux c-1 it's");
  });

  it('reads unknown values and secrets as the empty string', () => {
    expect(
      substituteExpressions('[${{ secrets.TOKEN }}][${{ inputs.none }}][${{ matrix.node }}]', scope),
    ).toBe('[][][]');
  });
});

describe('stepCondition', () => {
  it('reads the status functions and literal booleans, and nothing else', () => {
    expect(
      [undefined, true, false, 'always()', '${{ failure() }}', 'cancelled()', 'success()'].map(stepCondition),
    ).toEqual(['success', 'success', 'never', 'always', 'failure', 'cancelled', 'success']);
    expect(stepCondition("github.ref == 'refs/heads/main'")).toBeUndefined();
  });
});
