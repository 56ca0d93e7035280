import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseSchemaErrors } from './support/openapi.js';
import { cloneFrom, git } from './support/seed-repo.js';
import { type Harness, repo, startHarness } from './support/simulator.js';
import { statusOf } from './support/status-of.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

describe('git data API', () => {
  it('accepts a commit built with blobs, a base tree and a ref update, and git sees exactly that tree', async () => {
    const { octokit, sim } = harness;
    const ref = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/git/ref/{ref}', 200, ref.data)).toEqual([]);
    const head = await octokit.rest.git.getCommit({ ...repo, commit_sha: ref.data.object.sha });
    expect(
      responseSchemaErrors('get', '/repos/{owner}/{repo}/git/commits/{commit_sha}', 200, head.data),
    ).toEqual([]);

    const blob = await octokit.rest.git.createBlob({
      ...repo,
      content: Buffer.from('binary\0bytes').toString('base64'),
      encoding: 'base64',
    });
    expect(blob.status).toBe(201);
    expect(responseSchemaErrors('post', '/repos/{owner}/{repo}/git/blobs', 201, blob.data)).toEqual([]);
    const tree = await octokit.rest.git.createTree({
      ...repo,
      base_tree: head.data.tree.sha,
      tree: [
        { path: 'src/index.js', mode: '100644', type: 'blob', content: 'export const a = 2;\n' },
        { path: 'assets/data.bin', mode: '100644', type: 'blob', sha: blob.data.sha },
        { path: 'bin/run', mode: '100755', type: 'blob', content: '#!/bin/sh\necho hi\n' },
        { path: 'README.md', mode: '100644', type: 'blob', sha: null },
      ],
    });
    expect(tree.status).toBe(201);
    expect(responseSchemaErrors('post', '/repos/{owner}/{repo}/git/trees', 201, tree.data)).toEqual([]);
    const commit = await octokit.rest.git.createCommit({
      ...repo,
      message: 'Build a tree through the API',
      tree: tree.data.sha,
      parents: [head.data.sha],
      author: { name: 'Client', email: 'client@example.test', date: '2024-05-01T12:00:00Z' },
    });
    expect(commit.status).toBe(201);
    expect(responseSchemaErrors('post', '/repos/{owner}/{repo}/git/commits', 201, commit.data)).toEqual([]);
    const updated = await octokit.rest.git.updateRef({ ...repo, ref: 'heads/main', sha: commit.data.sha });
    expect(responseSchemaErrors('patch', '/repos/{owner}/{repo}/git/refs/{ref}', 200, updated.data)).toEqual(
      [],
    );

    git(harness.seed.dir, 'fetch', '--quiet', sim.repositoryPath('acme', 'widgets'), 'main');
    expect(git(harness.seed.dir, 'rev-parse', 'FETCH_HEAD^{tree}')).toBe(tree.data.sha);
    expect(git(harness.seed.dir, 'diff', '--name-status', 'HEAD', 'FETCH_HEAD').split('\n')).toEqual([
      'D\tREADME.md',
      'A\tassets/data.bin',
      'A\tbin/run',
      'M\tsrc/index.js',
    ]);
    const clone = cloneFrom(sim.repositoryPath('acme', 'widgets'));
    try {
      expect(git(clone.dir, 'rev-parse', 'HEAD')).toBe(commit.data.sha);
      expect(git(clone.dir, 'rev-parse', 'HEAD^{tree}')).toBe(tree.data.sha);
      expect(git(clone.dir, 'ls-tree', '-r', '--format=%(objectmode) %(path)', 'HEAD').split('\n')).toEqual([
        '100644 assets/data.bin',
        '100755 bin/run',
        '100644 src/index.js',
      ]);
      expect(git(clone.dir, 'show', 'HEAD:src/index.js')).toBe('export const a = 2;');
      expect(git(clone.dir, 'hash-object', 'assets/data.bin')).toBe(blob.data.sha);
      expect(git(clone.dir, 'log', '-1', '--format=%an <%ae> %aI')).toBe(
        'Client <client@example.test> 2024-05-01T12:00:00+00:00',
      );
    } finally {
      clone.remove();
    }
  });

  it('reads blobs back as base64 and answers 404 for unknown ones', async () => {
    const { octokit } = harness;
    const created = await octokit.rest.git.createBlob({ ...repo, content: 'hello\n' });
    const blob = await octokit.rest.git.getBlob({ ...repo, file_sha: created.data.sha });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/git/blobs/{file_sha}', 200, blob.data)).toEqual(
      [],
    );
    expect(Buffer.from(blob.data.content, 'base64').toString()).toBe('hello\n');
    expect(blob.data.size).toBe(6);
    expect((await statusOf(octokit.rest.git.getBlob({ ...repo, file_sha: 'f'.repeat(40) }))).status).toBe(
      404,
    );
  });

  it('refuses a non-fast-forward ref update with 422 unless forced', async () => {
    const { octokit } = harness;
    const main = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    const base = await octokit.rest.git.getCommit({ ...repo, commit_sha: main.data.object.sha });
    const sideways = await octokit.rest.git.createCommit({
      ...repo,
      message: 'sideways',
      tree: base.data.tree.sha,
      parents: base.data.parents.map((parent) => parent.sha),
    });
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/ff-test', sha: main.data.object.sha });
    const refused = await statusOf(
      octokit.rest.git.updateRef({ ...repo, ref: 'heads/ff-test', sha: sideways.data.sha }),
    );
    expect(refused).toEqual({ status: 422, message: 'Update is not a fast forward' });
    const forced = await octokit.rest.git.updateRef({
      ...repo,
      ref: 'heads/ff-test',
      sha: sideways.data.sha,
      force: true,
    });
    expect(forced.data.object.sha).toBe(sideways.data.sha);
  });

  it('answers GitHub error messages for bad refs, trees and commits', async () => {
    const { octokit } = harness;
    const main = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    expect(
      await statusOf(
        octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/main', sha: main.data.object.sha }),
      ),
    ).toEqual({
      status: 422,
      message: 'Reference already exists',
    });
    expect(
      await statusOf(octokit.rest.git.createRef({ ...repo, ref: 'heads/x', sha: main.data.object.sha })),
    ).toEqual({
      status: 422,
      message: "Reference name must start with 'refs/' and have at least two slashes.",
    });
    expect(
      await statusOf(octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/x', sha: 'a'.repeat(40) })),
    ).toEqual({
      status: 422,
      message: 'Object does not exist',
    });
    expect(
      await statusOf(octokit.rest.git.updateRef({ ...repo, ref: 'heads/nope', sha: main.data.object.sha })),
    ).toEqual({
      status: 422,
      message: 'Reference does not exist',
    });
    expect((await statusOf(octokit.rest.git.getRef({ ...repo, ref: 'heads/nope' }))).status).toBe(404);
    expect(
      await statusOf(octokit.rest.git.createCommit({ ...repo, message: 'm', tree: 'b'.repeat(40) })),
    ).toEqual({
      status: 422,
      message: 'Tree SHA does not exist',
    });
    const tree = (await octokit.rest.git.getCommit({ ...repo, commit_sha: main.data.object.sha })).data.tree
      .sha;
    expect(
      await statusOf(
        octokit.rest.git.createCommit({ ...repo, message: 'm', tree, parents: ['c'.repeat(40)] }),
      ),
    ).toEqual({
      status: 422,
      message: 'Parent SHA does not exist or is not a commit object',
    });
    const badTree = await statusOf(
      octokit.rest.git.createTree({
        ...repo,
        tree: [{ path: '../escape', mode: '100644', type: 'blob', content: 'x' }],
      }),
    );
    expect(badTree.status).toBe(422);
    const badBody = await statusOf(
      octokit.request('POST /repos/{owner}/{repo}/git/blobs', { ...repo, encoding: 'utf-8' } as never),
    );
    expect(badBody.status).toBe(422);
    expect((await statusOf(octokit.rest.git.deleteRef({ ...repo, ref: 'heads/nope' }))).status).toBe(422);
  });

  it('answers 404 for unknown trees and commits, and 422 for a base_tree that is not a tree', async () => {
    const { octokit } = harness;
    expect((await statusOf(octokit.rest.git.getTree({ ...repo, tree_sha: 'd'.repeat(40) }))).status).toBe(
      404,
    );
    expect((await statusOf(octokit.rest.git.getTree({ ...repo, tree_sha: 'no-such-branch' }))).status).toBe(
      404,
    );
    expect((await statusOf(octokit.rest.git.getCommit({ ...repo, commit_sha: 'e'.repeat(40) }))).status).toBe(
      404,
    );
    const badBase = await statusOf(
      octokit.rest.git.createTree({
        ...repo,
        base_tree: 'f'.repeat(40),
        tree: [{ path: 'x.txt', mode: '100644', type: 'blob', content: 'x' }],
      }),
    );
    expect(badBase).toEqual({ status: 422, message: 'base_tree is not a valid tree oid' });
    const wrongType = await statusOf(
      octokit.rest.git.createTree({
        ...repo,
        tree: [{ path: 'x', mode: '040000', type: 'blob', content: 'x' }],
      }),
    );
    expect(wrongType.status).toBe(422);
  });

  it('lists matching refs and deletes refs', async () => {
    const { octokit } = harness;
    const main = await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' });
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/feature/a', sha: main.data.object.sha });
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/feature/b', sha: main.data.object.sha });
    const matching = await octokit.rest.git.listMatchingRefs({ ...repo, ref: 'heads/feature/' });
    expect(
      responseSchemaErrors('get', '/repos/{owner}/{repo}/git/matching-refs/{ref}', 200, matching.data),
    ).toEqual([]);
    expect(matching.data.map((ref) => ref.ref)).toEqual(['refs/heads/feature/a', 'refs/heads/feature/b']);
    const deleted = await octokit.rest.git.deleteRef({ ...repo, ref: 'heads/feature/a' });
    expect(deleted.status).toBe(204);
    const after = await octokit.rest.git.listMatchingRefs({ ...repo, ref: 'heads/feature/' });
    expect(after.data.map((ref) => ref.ref)).toEqual(['refs/heads/feature/b']);
  });

  it('reads trees recursively with sizes, by sha or branch name', async () => {
    const { octokit } = harness;
    const tree = await octokit.rest.git.getTree({ ...repo, tree_sha: 'main', recursive: 'true' });
    expect(responseSchemaErrors('get', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 200, tree.data)).toEqual(
      [],
    );
    expect(tree.data.truncated).toBe(false);
    const paths = tree.data.tree.map((entry) => `${entry.type} ${entry.path}`);
    expect(paths).toContain('tree src');
    expect(paths).toContain('blob src/index.js');
    const top = await octokit.rest.git.getTree({ ...repo, tree_sha: tree.data.sha });
    expect(top.data.tree.every((entry) => !entry.path?.includes('/'))).toBe(true);
  });
});
