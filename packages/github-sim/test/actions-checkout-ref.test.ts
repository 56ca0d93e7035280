import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from './support/seed-repo.js';
import { type Harness, repo, startHarness } from './support/simulator.js';

const CHECKOUT = `name: Checkout
run-name: checkout \${{ inputs.ref }}
on:
  workflow_dispatch:
    inputs:
      ref:
        required: true
jobs:
  show:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ inputs.ref }}
      - run: cat README.md
`;

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ 'README.md': 'on main\n', '.github/workflows/checkout.yml': CHECKOUT });
});
afterAll(() => harness.close());

async function dispatchAndLog(ref: string): Promise<{ conclusion: string | null; log: string }> {
  const { data } = await harness.octokit.request(
    'POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
    {
      ...repo,
      workflow_id: 'checkout.yml',
      ref: 'main',
      inputs: { ref },
      return_run_details: true,
    },
  );
  const runId = (data as { workflow_run_id: number }).workflow_run_id;
  const run = await harness.sim.waitForRun(repo.owner, repo.repo, runId, { timeoutMs: 30_000 });
  return {
    conclusion: run.conclusion,
    log: run.jobs.flatMap((job) => job.steps.map((step) => step.log)).join(''),
  };
}

describe('actions/checkout with a ref', () => {
  it('checks out the named branch, not the branch the workflow was dispatched on', {
    timeout: 60_000,
  }, async () => {
    await harness.sim.push(repo.owner, repo.repo, 'feature', { 'README.md': 'on feature\n' });
    const onFeature = await dispatchAndLog('feature');
    expect(onFeature.conclusion).toBe('success');
    expect(onFeature.log).toContain('on feature');
    const sha = (await harness.octokit.rest.repos.getBranch({ ...repo, branch: 'feature' })).data.commit.sha;
    expect((await dispatchAndLog(sha)).log).toContain('on feature');
    // The checkout moves the run's worktree only: the repository's HEAD still names the default branch.
    expect(
      git(
        harness.seed.dir,
        '--git-dir',
        harness.sim.repositoryPath(repo.owner, repo.repo),
        'symbolic-ref',
        'HEAD',
      ),
    ).toBe('refs/heads/main');
    expect((await harness.octokit.rest.repos.get(repo)).data.default_branch).toBe('main');
  });

  it('fails the step for a ref that does not exist, as the real action does', {
    timeout: 60_000,
  }, async () => {
    const missing = await dispatchAndLog('no-such-branch');
    expect(missing.conclusion).toBe('failure');
    expect(missing.log).toContain('could not be found');
  });
});
