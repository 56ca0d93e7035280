import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseSchemaErrors } from './support/openapi.js';
import { git } from './support/seed-repo.js';
import { type Harness, repo, startHarness } from './support/simulator.js';
import { statusOf } from './support/status-of.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

describe('repository, branches, commits and compare', () => {
  it('describes the repository with its default branch', async () => {
    const { data } = await harness.octokit.rest.repos.get(repo);
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}', 200, data)).toEqual([]);
    expect([data.full_name, data.default_branch]).toEqual(['acme/widgets', 'main']);
    expect((await statusOf(harness.octokit.rest.repos.get({ owner: 'acme', repo: 'nope' }))).status).toBe(
      404,
    );
  });

  it('lists and reads branches, including names with slashes', async () => {
    const { octokit, sim } = harness;
    const pushed = await sim.push('acme', 'widgets', 'feature/x', { 'feature.txt': 'f\n' }, 'feature work');
    const list = await octokit.rest.repos.listBranches(repo);
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/branches', 200, list.data)).toEqual([]);
    expect(list.data.map((branch) => branch.name)).toEqual(['feature/x', 'main']);
    const branch = await octokit.rest.repos.getBranch({ ...repo, branch: 'feature/x' });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/branches/{branch}', 200, branch.data)).toEqual(
      [],
    );
    expect(branch.data.commit.sha).toBe(pushed);
    expect(branch.data.commit.parents[0]?.sha).toBe(git(harness.seed.dir, 'rev-parse', 'HEAD'));
    expect(await statusOf(octokit.rest.repos.getBranch({ ...repo, branch: 'nope' }))).toEqual({
      status: 404,
      message: 'Branch not found',
    });
  });

  it('lists commits newest first, filters by path, and reads one with its files', async () => {
    const { octokit, sim } = harness;
    const second = await sim.push(
      'acme',
      'widgets',
      'main',
      { 'src/index.js': 'export const a = 3;\n', 'NEW.md': 'n\n' },
      'second',
    );
    const list = await octokit.rest.repos.listCommits({ ...repo, sha: 'main' });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/commits', 200, list.data)).toEqual([]);
    expect(list.data.map((commit) => commit.commit.message)).toEqual(['second', 'seed']);
    const byPath = await octokit.rest.repos.listCommits({ ...repo, path: 'NEW.md' });
    expect(byPath.data.map((commit) => commit.sha)).toEqual([second]);
    const one = await octokit.rest.repos.getCommit({ ...repo, ref: second });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/commits/{ref}', 200, one.data)).toEqual([]);
    expect(
      one.data.files?.map((file) => `${file.status} ${file.filename} +${file.additions} -${file.deletions}`),
    ).toEqual(['added NEW.md +1 -0', 'modified src/index.js +1 -1']);
    expect((await statusOf(octokit.rest.repos.getCommit({ ...repo, ref: 'nope' }))).status).toBe(422);
  });

  it('compares two refs as git does: ahead, behind, diverged', async () => {
    const { octokit, sim } = harness;
    const main = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/cmp', sha: main });
    await sim.push('acme', 'widgets', 'cmp', { 'c1.txt': '1\n' }, 'c1');
    await sim.push('acme', 'widgets', 'cmp', { 'c2.txt': '2\n' }, 'c2');
    const ahead = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...cmp' });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/compare/{basehead}', 200, ahead.data)).toEqual(
      [],
    );
    expect([ahead.data.status, ahead.data.ahead_by, ahead.data.behind_by]).toEqual(['ahead', 2, 0]);
    expect(ahead.data.commits.map((commit) => commit.commit.message)).toEqual(['c1', 'c2']);
    expect(ahead.data.files?.map((file) => file.filename)).toEqual(['c1.txt', 'c2.txt']);
    await sim.push('acme', 'widgets', 'main', { 'm.txt': 'm\n' }, 'm');
    const diverged = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...cmp' });
    expect([diverged.data.status, diverged.data.ahead_by, diverged.data.behind_by]).toEqual([
      'diverged',
      2,
      1,
    ]);
    expect(diverged.data.merge_base_commit.sha).toBe(main);
    expect(
      (await statusOf(octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'main...nope' })))
        .status,
    ).toBe(404);
  });
});

describe('pull requests and comments', () => {
  it('creates, lists, reads and updates a pull request', async () => {
    const { octokit, sim } = harness;
    await sim.push('acme', 'widgets', 'fix/one', { 'fix.txt': 'fixed\n' }, 'fix');
    const created = await octokit.rest.pulls.create({
      ...repo,
      title: 'Fix one',
      head: 'fix/one',
      base: 'main',
      body: 'Heals a test',
    });
    expect(created.status).toBe(201);
    expect(responseSchemaErrors('post', '/repos/{owner}/{repo}/pulls', 201, created.data).join('\n')).toEqual(
      '',
    );
    expect([created.data.commits, created.data.changed_files, created.data.additions]).toEqual([1, 1, 1]);
    const duplicate = await statusOf(
      octokit.rest.pulls.create({ ...repo, title: 'again', head: 'acme:fix/one', base: 'main' }),
    );
    expect(duplicate.status).toBe(422);
    const list = await octokit.rest.pulls.list({ ...repo, head: 'acme:fix/one' });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/pulls', 200, list.data)).toEqual([]);
    expect(list.data.map((pull) => pull.number)).toEqual([created.data.number]);
    const updated = await octokit.rest.pulls.update({
      ...repo,
      pull_number: created.data.number,
      title: 'Fix one (v2)',
      state: 'closed',
    });
    expect(
      responseSchemaErrors('patch', '/repos/{owner}/{repo}/pulls/{pull_number}', 200, updated.data),
    ).toEqual([]);
    expect([updated.data.title, updated.data.state]).toEqual(['Fix one (v2)', 'closed']);
    const got = await octokit.rest.pulls.get({ ...repo, pull_number: created.data.number });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/pulls/{pull_number}', 200, got.data)).toEqual(
      [],
    );
    expect(got.data.closed_at).not.toBeNull();
    expect((await octokit.rest.pulls.list({ ...repo, state: 'open', head: 'acme:fix/one' })).data).toEqual(
      [],
    );
    expect((await statusOf(octokit.rest.pulls.get({ ...repo, pull_number: 999 }))).status).toBe(404);
  });

  it('refuses pull requests with a missing branch or no commits', async () => {
    const { octokit } = harness;
    expect(
      (await statusOf(octokit.rest.pulls.create({ ...repo, title: 't', head: 'nope', base: 'main' }))).status,
    ).toBe(422);
    expect(
      (await statusOf(octokit.rest.pulls.create({ ...repo, title: 't', head: 'main', base: 'nope' }))).status,
    ).toBe(422);
    const same = await statusOf(
      octokit.rest.pulls.create({ ...repo, title: 't', head: 'main', base: 'main' }),
    );
    expect(same.status).toBe(422);
  });

  it('comments on a pull request and lists and edits the comments', async () => {
    const { octokit, sim } = harness;
    await sim.push('acme', 'widgets', 'fix/two', { 'two.txt': '2\n' });
    const pull = await octokit.rest.pulls.create({
      ...repo,
      title: 'Fix two',
      head: 'fix/two',
      base: 'main',
    });
    const comment = await octokit.rest.issues.createComment({
      ...repo,
      issue_number: pull.data.number,
      body: 'healing report',
    });
    expect(comment.status).toBe(201);
    expect(
      responseSchemaErrors('post', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 201, comment.data),
    ).toEqual([]);
    const edited = await octokit.rest.issues.updateComment({
      ...repo,
      comment_id: comment.data.id,
      body: 'healing report v2',
    });
    expect(
      responseSchemaErrors('patch', '/repos/{owner}/{repo}/issues/comments/{comment_id}', 200, edited.data),
    ).toEqual([]);
    const labels = await octokit.rest.issues.addLabels({
      ...repo,
      issue_number: pull.data.number,
      labels: ['healing', 'bot'],
    });
    expect(
      responseSchemaErrors('post', '/repos/{owner}/{repo}/issues/{issue_number}/labels', 200, labels.data),
    ).toEqual([]);
    await octokit.rest.issues.addLabels({ ...repo, issue_number: pull.data.number, labels: ['healing'] });
    const labelled = await octokit.rest.pulls.get({ ...repo, pull_number: pull.data.number });
    expect(labelled.data.labels.map((label) => label.name)).toEqual(['healing', 'bot']);
    const list = await octokit.rest.issues.listComments({ ...repo, issue_number: pull.data.number });
    expect(
      responseSchemaErrors('get', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 200, list.data),
    ).toEqual([]);
    expect(list.data.map((entry) => entry.body)).toEqual(['healing report v2']);
    expect(
      (await statusOf(octokit.rest.issues.createComment({ ...repo, issue_number: 999, body: 'x' }))).status,
    ).toBe(404);
    expect(
      (
        await statusOf(
          octokit.rest.issues.createComment({ ...repo, issue_number: pull.data.number, body: '' }),
        )
      ).status,
    ).toBe(422);
    expect(
      (await statusOf(octokit.rest.issues.addLabels({ ...repo, issue_number: 999, labels: ['x'] }))).status,
    ).toBe(404);
    expect(
      (await statusOf(octokit.rest.issues.updateComment({ ...repo, comment_id: 1, body: 'x' }))).status,
    ).toBe(404);
    const badBase = await statusOf(
      octokit.rest.pulls.update({ ...repo, pull_number: pull.data.number, base: 'nope' }),
    );
    expect(badBase.status).toBe(422);
  });
});
