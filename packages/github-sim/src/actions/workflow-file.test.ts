import { describe, expect, it } from 'vitest';
import { branchMatches, parseWorkflowFile } from './workflow-file.js';

describe('parseWorkflowFile', () => {
  it('reads triggers in all three spellings', () => {
    const jobs = 'jobs:\n  t:\n    runs-on: x\n    steps:\n      - run: echo\n';
    expect(parseWorkflowFile('a.yml', `on: push\n${jobs}`)).toMatchObject({
      pushBranches: [],
      dispatchInputs: undefined,
    });
    expect(parseWorkflowFile('a.yml', `on: [push, workflow_dispatch]\n${jobs}`)).toMatchObject({
      pushBranches: [],
      dispatchInputs: {},
    });
    const map = parseWorkflowFile(
      'a.yml',
      `name: N\non:\n  push:\n    branches: [main]\n  workflow_dispatch:\n    inputs:\n      x:\n        default: 1\n${jobs}`,
    );
    expect(map).toMatchObject({
      name: 'N',
      pushBranches: ['main'],
      dispatchInputs: { x: { default: '1', required: false } },
    });
    expect(map.jobs.map((job) => job.key)).toEqual(['t']);
  });

  it('refuses a step with both run and uses, naming the file', () => {
    const text = 'on: push\njobs:\n  t:\n    steps:\n      - run: echo\n        uses: a/b@v1\n';
    expect(() => parseWorkflowFile('.github/workflows/bad.yml', text)).toThrow(
      /bad\.yml.*exactly one of run or uses/,
    );
  });
});

describe('branchMatches', () => {
  it('matches exact names, * within a segment and ** across segments', () => {
    expect(branchMatches([], 'anything')).toBe(true);
    expect(branchMatches(['main'], 'main')).toBe(true);
    expect(branchMatches(['release/*'], 'release/1.0')).toBe(true);
    expect(branchMatches(['release/*'], 'release/1/hotfix')).toBe(false);
    expect(branchMatches(['release/**'], 'release/1/hotfix')).toBe(true);
    expect(branchMatches(['main'], 'main2')).toBe(false);
  });
});
