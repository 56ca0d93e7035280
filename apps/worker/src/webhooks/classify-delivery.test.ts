import { describe, expect, it } from 'vitest';
import {
  classifyDelivery,
  type DeliveryPolicy,
  matchesBranch,
  OWN_BRANCH_PREFIXES,
} from './classify-delivery.js';

const policy: DeliveryPolicy = {
  allowForks: false,
  branches: [],
  ignoreBranches: [],
  repositories: [],
  ownBranchPrefixes: OWN_BRANCH_PREFIXES,
  isKnownInstallation: (id) => id === 42,
};

const sha = 'c'.repeat(40);
function failedRun(
  overrides: {
    branch?: string | null;
    conclusion?: string;
    action?: string;
    head?: string;
    installation?: number;
  } = {},
) {
  return {
    action: overrides.action ?? 'completed',
    workflow_run: {
      id: 9001,
      name: 'CI',
      head_branch: overrides.branch === undefined ? 'feature/x' : overrides.branch,
      head_sha: sha,
      run_attempt: 2,
      conclusion: overrides.conclusion ?? 'failure',
      html_url: 'https://github.com/octo/app/actions/runs/9001',
      head_repository: { full_name: overrides.head ?? 'octo/app' },
    },
    repository: { full_name: 'octo/app', default_branch: 'main' },
    installation: { id: overrides.installation ?? 42 },
  };
}

describe('classifyDelivery', () => {
  it('turns a failed completed run into a heal job', () => {
    expect(classifyDelivery('workflow_run', failedRun(), policy)).toEqual({
      kind: 'heal',
      job: {
        repository: 'octo/app',
        runId: 9001,
        runAttempt: 2,
        headSha: sha,
        headBranch: 'feature/x',
        workflowName: 'CI',
        installationId: 42,
        runUrl: 'https://github.com/octo/app/actions/runs/9001',
      },
    });
  });

  it.each([
    ['a success', failedRun({ conclusion: 'success' }), 'concluded success'],
    ['a run still going', failedRun({ action: 'in_progress' }), 'in_progress, not completed'],
    ['its own heal branch', failedRun({ branch: 'heal/abc123' }), "is one of healing's own branches"],
    [
      'a scratch branch a candidate is tested on',
      failedRun({ branch: 'heal-work/0a1b2c3d4e5f/candidate-1-ab12cd34' }),
      "is one of healing's own branches",
    ],
    ['a tag', failedRun({ branch: null }), 'has no branch'],
    ['a fork', failedRun({ head: 'mallory/app' }), 'fork mallory/app'],
    [
      'its own heal-run workflow',
      {
        ...failedRun(),
        workflow_run: {
          ...failedRun().workflow_run,
          name: 'heal-run',
          path: '.github/workflows/heal-run.yml',
        },
      },
      "healing's own heal-run workflow",
    ],
  ])('ignores %s', (_name, payload, reason) => {
    const decision = classifyDelivery('workflow_run', payload, policy);
    expect(decision.kind).toBe('ignore');
    expect(decision.kind === 'ignore' && decision.reason).toContain(reason);
  });

  it('follows the branch and repository policy', () => {
    const only = { ...policy, branches: ['main', 'release/*'] };
    expect(classifyDelivery('workflow_run', failedRun({ branch: 'release/1.2' }), only).kind).toBe('heal');
    expect(classifyDelivery('workflow_run', failedRun({ branch: 'feature/x' }), only).kind).toBe('ignore');
    const ignore = { ...policy, ignoreBranches: ['dependabot/**'] };
    expect(classifyDelivery('workflow_run', failedRun({ branch: 'dependabot/npm/x' }), ignore).kind).toBe(
      'ignore',
    );
    expect(
      classifyDelivery('workflow_run', failedRun(), { ...policy, repositories: ['octo/other'] }).kind,
    ).toBe('ignore');
    expect(
      classifyDelivery('workflow_run', failedRun({ head: 'mallory/app' }), { ...policy, allowForks: true })
        .kind,
    ).toBe('heal');
  });

  it('rejects an unknown installation with 403 and a malformed payload with 422', () => {
    expect(classifyDelivery('workflow_run', failedRun({ installation: 7 }), policy)).toMatchObject({
      kind: 'reject',
      status: 403,
    });
    expect(classifyDelivery('workflow_run', { action: 'completed' }, policy)).toMatchObject({
      kind: 'reject',
      status: 422,
    });
    const badSha = failedRun();
    badSha.workflow_run.head_sha = 'not-a-sha';
    expect(classifyDelivery('workflow_run', badSha, policy)).toMatchObject({ kind: 'reject', status: 422 });
  });

  it('ignores other events and answers ping', () => {
    expect(classifyDelivery('push', {}, policy)).toEqual({
      kind: 'ignore',
      reason: 'event push is not handled',
    });
    expect(classifyDelivery('ping', {}, policy)).toEqual({ kind: 'ignore', reason: 'ping' });
  });
});

describe('matchesBranch', () => {
  it('matches within and across path segments', () => {
    expect(matchesBranch('release/*', 'release/1.0')).toBe(true);
    expect(matchesBranch('release/*', 'release/1.0/hotfix')).toBe(false);
    expect(matchesBranch('release/**', 'release/1.0/hotfix')).toBe(true);
    expect(matchesBranch('main', 'main')).toBe(true);
    expect(matchesBranch('main', 'maintenance')).toBe(false);
  });
});
