import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseSchemaErrors } from './support/openapi.js';
import { cloneFrom, git } from './support/seed-repo.js';
import { type Harness, repo, startHarness } from './support/simulator.js';
import { statusOf } from './support/status-of.js';

const LARGE = 'x'.repeat(1024 * 1024 + 10);
let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ 'README.md': '# widgets\n', 'src/a.txt': 'a\n', 'big.txt': LARGE });
});
afterAll(async () => {
  await harness.close();
});

function fileOf(data: unknown): { content: string; encoding: string; sha: string; size: number } {
  return data as { content: string; encoding: string; sha: string; size: number };
}

describe('contents API', () => {
  it('reads a file with the blob sha git computes, and a directory listing', async () => {
    const { octokit } = harness;
    const file = await octokit.rest.repos.getContent({ ...repo, path: 'src/a.txt' });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/contents/{path}', 200, file.data)).toEqual([]);
    const { content, sha } = fileOf(file.data);
    expect(Buffer.from(content, 'base64').toString()).toBe('a\n');
    expect(sha).toBe(git(harness.seed.dir, 'rev-parse', 'HEAD:src/a.txt'));
    const root = await octokit.rest.repos.getContent({ ...repo, path: '' });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/contents/{path}', 200, root.data)).toEqual([]);
    expect(
      (root.data as Array<{ path: string; type: string }>).map((entry) => `${entry.type}:${entry.path}`),
    ).toEqual(['file:README.md', 'file:big.txt', 'dir:src']);
    expect((await statusOf(octokit.rest.repos.getContent({ ...repo, path: 'missing.txt' }))).status).toBe(
      404,
    );
  });

  it('answers files over 1 MB with empty content and encoding "none", and serves them raw on request', async () => {
    const { octokit } = harness;
    const file = fileOf((await octokit.rest.repos.getContent({ ...repo, path: 'big.txt' })).data);
    expect(file.encoding).toBe('none');
    expect(file.content).toBe('');
    expect(file.size).toBe(LARGE.length);
    const blob = await octokit.rest.git.getBlob({ ...repo, file_sha: file.sha });
    expect(Buffer.from(blob.data.content, 'base64').length).toBe(LARGE.length);
    const raw = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
      ...repo,
      path: 'src/a.txt',
      mediaType: { format: 'raw' },
    });
    expect(Buffer.from(raw.data as unknown as ArrayBuffer).toString()).toBe('a\n');
  });

  it('creates, updates and deletes files with sha preconditions: missing 422, stale 409', async () => {
    const { octokit, sim } = harness;
    const created = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'docs/new.md',
      message: 'add docs',
      content: Buffer.from('one\n').toString('base64'),
      author: { name: 'Healer', email: 'healer@example.test' },
    });
    expect([created.data.commit.author?.name, created.data.commit.committer?.name]).toEqual([
      'Healer',
      'healing-bot',
    ]);
    expect(created.status).toBe(201);
    expect(responseSchemaErrors('put', '/repos/{owner}/{repo}/contents/{path}', 201, created.data)).toEqual(
      [],
    );
    const firstSha = created.data.content?.sha ?? '';
    expect(
      await statusOf(
        octokit.rest.repos.createOrUpdateFileContents({
          ...repo,
          path: 'docs/new.md',
          message: 'no sha',
          content: 'dHdv',
        }),
      ),
    ).toEqual({ status: 422, message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });
    const updated = await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'docs/new.md',
      message: 'update docs',
      content: Buffer.from('two\n').toString('base64'),
      sha: firstSha,
    });
    expect(updated.status).toBe(200);
    expect(responseSchemaErrors('put', '/repos/{owner}/{repo}/contents/{path}', 200, updated.data)).toEqual(
      [],
    );
    const stale = await statusOf(
      octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: 'docs/new.md',
        message: 'stale',
        content: 'eA==',
        sha: firstSha,
      }),
    );
    expect(stale).toEqual({ status: 409, message: `docs/new.md does not match ${firstSha}` });
    expect(
      (
        await statusOf(
          octokit.rest.repos.deleteFile({ ...repo, path: 'docs/new.md', message: 'rm', sha: firstSha }),
        )
      ).status,
    ).toBe(409);
    const deleted = await octokit.rest.repos.deleteFile({
      ...repo,
      path: 'docs/new.md',
      message: 'remove docs',
      sha: updated.data.content?.sha ?? '',
    });
    expect(
      responseSchemaErrors('delete', '/repos/{owner}/{repo}/contents/{path}', 200, deleted.data),
    ).toEqual([]);
    expect(
      (
        await statusOf(
          octokit.rest.repos.deleteFile({ ...repo, path: 'docs/new.md', message: 'rm', sha: firstSha }),
        )
      ).status,
    ).toBe(404);

    const clone = cloneFrom(sim.repositoryPath('acme', 'widgets'));
    try {
      expect(git(clone.dir, 'log', '--format=%s', '-3').split('\n')).toEqual([
        'remove docs',
        'update docs',
        'add docs',
      ]);
      expect(git(clone.dir, 'rev-parse', 'HEAD')).toBe(deleted.data.commit.sha);
      expect(git(clone.dir, 'show', `${updated.data.commit.sha}:docs/new.md`)).toBe('two');
    } finally {
      clone.remove();
    }
  });

  it('writes to another branch and reads by ref; a missing branch is 404', async () => {
    const { octokit } = harness;
    const main = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/topic', sha: main.data.object.sha });
    await octokit.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: 'topic.txt',
      branch: 'topic',
      message: 'topic',
      content: Buffer.from('t\n').toString('base64'),
    });
    const onTopic = await statusOf(
      octokit.rest.repos.getContent({ ...repo, path: 'topic.txt', ref: 'topic' }),
    );
    const onMain = await statusOf(octokit.rest.repos.getContent({ ...repo, path: 'topic.txt' }));
    expect([onTopic.status, onMain.status]).toEqual([200, 404]);
    const missing = await statusOf(
      octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: 'x',
        branch: 'nope',
        message: 'm',
        content: 'eA==',
      }),
    );
    expect(missing.status).toBe(404);
    expect(
      (
        await statusOf(
          octokit.rest.repos.createOrUpdateFileContents({ ...repo, path: 'x', message: 'm', content: '!!' }),
        )
      ).status,
    ).toBe(422);
    const newline = await statusOf(
      octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: 'bad\nname',
        message: 'm',
        content: 'eA==',
      }),
    );
    expect(newline.status).toBe(422);
  });
});
