import { isHealingError } from '@healing/adapters';
import { createCliGit } from '@healing/local';
import { afterEach, describe, expect, it } from 'vitest';
import { deliverHeal, parseHealConfig } from '../src/index.js';
import { BASE_FILES, BROKEN_SUM_SOURCE, SUM_SOURCE } from './helpers/fixture-sources.js';
import {
  createTempRepo,
  diffOf,
  healBranches,
  type TempRepo,
  workingTreeChanges,
} from './helpers/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

const fingerprint = 'abcdef0123456789'.repeat(4);

function setup(configInput: Record<string, unknown> = {}) {
  repo = createTempRepo(BASE_FILES);
  const sha = repo.commit('break', { 'src/sum.mjs': BROKEN_SUM_SOURCE });
  const patch = diffOf(repo, { 'src/sum.mjs': SUM_SOURCE });
  const options = {
    git: createCliGit({ dir: repo.dir }),
    config: parseHealConfig({ test: { command: 'true' }, ...configInput }),
    patch,
    sha,
    fingerprint,
    branch: 'main',
    title: 'heal: fix sum',
    message: 'heal: fix sum\n\nFingerprint: x\n',
    body: 'evidence',
  };
  return { repo, sha, options };
}

describe('deliverHeal (local git)', () => {
  it('commits once on heal/<fingerprint> and returns that branch again on a repeat', async () => {
    const { repo, sha, options } = setup();
    const first = await deliverHeal(options);
    expect(first).toMatchObject({ branch: 'heal/abcdef012345', isExisting: false });
    expect(first.pullRequestUrl).toBeUndefined();
    expect(repo.git('rev-parse', 'heal/abcdef012345~1')).toBe(sha);
    expect(repo.git('log', '-1', '--format=%s', 'heal/abcdef012345')).toBe('heal: fix sum');
    const second = await deliverHeal(options);
    expect(second).toEqual({ ...first, isExisting: true });
    expect(healBranches(repo)).toEqual(['heal/abcdef012345']);
    expect(repo.git('rev-parse', 'HEAD')).toBe(sha);
    expect(workingTreeChanges(repo)).toEqual([]);
  });

  it('refuses to deliver onto the default branch', async () => {
    const { repo, options } = setup({
      defaultBranch: 'fix/abcdef012345',
      delivery: { branchPrefix: 'fix/' },
    });
    const error = await deliverHeal(options).catch((caught: unknown) => caught);
    expect(isHealingError(error, 'GUARDRAIL_VIOLATION')).toBe(true);
    expect((error as Error).message).toContain('delivery.branchPrefix');
    expect(repo.git('branch', '--list', 'fix/*')).toBe('');
  });
});
