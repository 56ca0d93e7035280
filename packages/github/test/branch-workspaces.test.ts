import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createBranchWorkspaces,
  createGitHubStorage,
  deleteScratchBranches,
  type GitHubClient,
  installActionsWorkflow,
} from '../src/index.js';
import { OWNER, type SimulatorFixture, startSimulator } from './support/simulator.js';

const REPO = 'scratch';
let fixture: SimulatorFixture;
let octokit: GitHubClient;

beforeAll(async () => {
  fixture = await startSimulator([{ name: REPO }]);
  octokit = await fixture.client();
  const storage = createGitHubStorage({ octokit, owner: OWNER, repo: REPO, branch: 'main' });
  await installActionsWorkflow(storage);
  await storage.write('greeting.txt', 'hello\n');
});
afterAll(() => fixture.stop());

describe('createBranchWorkspaces', () => {
  it('gives an isolated scratch branch whose changes the runner sees, and removes it on dispose', {
    timeout: 90_000,
  }, async () => {
    const main = createGitHubStorage({ octokit, owner: OWNER, repo: REPO, branch: 'main' });
    const mainHead = (await octokit.rest.repos.getBranch({ owner: OWNER, repo: REPO, branch: 'main' })).data
      .commit.sha;
    const provider = createBranchWorkspaces({
      octokit,
      owner: OWNER,
      repo: REPO,
      newId: () => 'w1',
      actions: { pollIntervalMs: 50, maxPollIntervalMs: 200 },
    });
    const workspace = await provider.create({ revision: mainHead, label: 'Candidate 1' });
    expect(workspace).toMatchObject({ id: 'heal-work/candidate-1-w1', dir: null, revision: mainHead });

    await workspace.storage.commit(
      [
        {
          kind: 'write',
          path: 'greeting.txt',
          content: new TextEncoder().encode('changed on the scratch branch\n'),
          mode: '100644',
        },
      ],
      { message: 'candidate' },
    );
    const result = await workspace.execution.run({ command: 'cat greeting.txt' });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('changed on the scratch branch');
    expect(new TextDecoder().decode((await main.read('greeting.txt'))?.content)).toBe('hello\n');
    const afterCandidate = (await octokit.rest.repos.getBranch({ owner: OWNER, repo: REPO, branch: 'main' }))
      .data.commit.sha;
    expect(afterCandidate).toBe(mainHead);

    // A command that changes files (a formatter): its changes come back onto the scratch branch.
    const fixer = await workspace.execution.run({
      command: "printf 'formatted\\n' > greeting.txt && mkdir -p new && echo x > new/file.txt",
    });
    expect(fixer.exitCode).toBe(0);
    expect(new TextDecoder().decode((await workspace.storage.read('greeting.txt'))?.content)).toBe(
      'formatted\n',
    );
    const diff = await workspace.git.diff({ from: workspace.revision });
    expect(diff).toContain('+formatted');
    expect(diff).toContain('new/file.txt');
    expect(diff).not.toContain('healing-run-output');

    await workspace.dispose();
    await workspace.dispose();
    const branches = (await octokit.rest.repos.listBranches({ owner: OWNER, repo: REPO })).data.map(
      (branch) => branch.name,
    );
    expect(branches).not.toContain('heal-work/candidate-1-w1');
  });

  it('deletes the scratch branches a killed heal left under its prefix, and only those', async () => {
    const head = (await octokit.rest.repos.getBranch({ owner: OWNER, repo: REPO, branch: 'main' })).data
      .commit.sha;
    let counter = 0;
    const job = createBranchWorkspaces({
      octokit,
      owner: OWNER,
      repo: REPO,
      branchPrefix: 'heal-work/job-1/',
      newId: () => `n${++counter}`,
    });
    await job.create({ revision: head, label: 'a' });
    await job.create({ revision: head, label: 'b' });
    const other = createBranchWorkspaces({
      octokit,
      owner: OWNER,
      repo: REPO,
      branchPrefix: 'heal-work/job-10/',
    });
    const kept = await other.create({ revision: head, label: 'c' });

    const deleted = await deleteScratchBranches({
      octokit,
      owner: OWNER,
      repo: REPO,
      prefix: 'heal-work/job-1/',
    });
    expect(deleted.sort()).toEqual(['heal-work/job-1/a-n1', 'heal-work/job-1/b-n2']);
    const branches = (await octokit.rest.repos.listBranches({ owner: OWNER, repo: REPO })).data.map(
      (branch) => branch.name,
    );
    expect(branches).toContain(kept.id);
    expect(branches.filter((name) => name.startsWith('heal-work/job-1/'))).toEqual([]);
    expect(
      await deleteScratchBranches({ octokit, owner: OWNER, repo: REPO, prefix: 'heal-work/job-1/' }),
    ).toEqual([]);
    await expect(
      deleteScratchBranches({ octokit, owner: OWNER, repo: REPO, prefix: 'heal-work' }),
    ).rejects.toThrow(/must be a folder/);
  });

  it('installs the dependencies on each runner before the command, and says so through prepare()', {
    timeout: 90_000,
  }, async () => {
    const head = (await octokit.rest.repos.getBranch({ owner: OWNER, repo: REPO, branch: 'main' })).data
      .commit.sha;
    const plain = await createBranchWorkspaces({ octokit, owner: OWNER, repo: REPO }).create({
      revision: head,
      label: 'plain',
    });
    expect(plain.prepare).toBeUndefined();
    await plain.dispose();

    const provider = createBranchWorkspaces({
      octokit,
      owner: OWNER,
      repo: REPO,
      actions: { pollIntervalMs: 50, maxPollIntervalMs: 200 },
      setup: { command: ['sh', '-c', 'mkdir -p deps && echo installed > deps/marker'], timeoutMs: 60_000 },
    });
    const workspace = await provider.create({ revision: head, label: 'with setup' });
    expect(await workspace.prepare?.()).toEqual({
      mode: 'per-run',
      command: 'sh -c mkdir -p deps && echo installed > deps/marker',
      durationMs: 0,
    });
    // Each run is a fresh runner: the setup ran in this one too, and its files are not the command's change.
    const result = await workspace.execution.run({ command: 'cat deps/marker' });
    expect(result).toMatchObject({ exitCode: 0 });
    expect(result.stdout).toContain('installed');
    expect(await workspace.git.diff({ from: workspace.revision })).toBe('');
    await workspace.dispose();
  });
});
