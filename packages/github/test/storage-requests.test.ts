import { type FileChange, gitBlobId } from '@healing/adapters';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubStorage } from '../src/index.js';
import { git, OWNER, type SimulatorFixture, startSimulator } from './support/simulator.js';

const REPO = 'requests';
const REF_ROUTE = '/repos/{owner}/{repo}/git/refs/{ref}';
const encoder = new TextEncoder();
let fixture: SimulatorFixture;
let storage: ReturnType<typeof createGitHubStorage>;

beforeAll(async () => {
  fixture = await startSimulator([{ name: REPO }]);
  storage = createGitHubStorage({
    octokit: await fixture.client(),
    owner: OWNER,
    repo: REPO,
    branch: 'main',
  });
});
afterAll(() => fixture.stop());

async function routesOf<T>(action: () => Promise<T>): Promise<{ value: T; routes: string[] }> {
  const before = fixture.sim.requests.length;
  const value = await action();
  return {
    value,
    routes: fixture.sim.requests.slice(before).map((request) => `${request.method} ${request.route}`),
  };
}

const head = () => git(fixture.sim.repositoryPath(OWNER, REPO), ['rev-parse', 'refs/heads/main']).trim();
const write = (
  path: string,
  text: string | Uint8Array,
  mode: '100644' | '100755' | '120000' = '100644',
): FileChange => ({
  kind: 'write',
  path,
  content: typeof text === 'string' ? encoder.encode(text) : text,
  mode,
});

describe('GitHub storage requests', () => {
  it('commits in 4 + B requests: head, blobs for binaries, one tree, the commit, the ref', async () => {
    const changes = [
      write('c/a.txt', 'a\r\nwith CRLF\r\n'),
      write('c/run.sh', '#!/bin/sh\n', '100755'),
      write('c/link', 'a.txt', '120000'),
      write('c/logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2])),
      write('c/latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9])),
    ];
    const { value, routes } = await routesOf(() => storage.commit(changes, { message: 'five files' }));
    expect(routes).toEqual([
      'GET /repos/{owner}/{repo}/branches/{branch}',
      'POST /repos/{owner}/{repo}/git/blobs',
      'POST /repos/{owner}/{repo}/git/blobs',
      'POST /repos/{owner}/{repo}/git/trees',
      'POST /repos/{owner}/{repo}/git/commits',
      `PATCH ${REF_ROUTE}`,
    ]);
    expect(value.commitSha).toBe(head());
    const listing = git(fixture.sim.repositoryPath(OWNER, REPO), ['ls-tree', '-r', 'HEAD', 'c']);
    for (const change of changes) {
      if (change.kind !== 'write') continue;
      expect(listing).toContain(`${change.mode} blob ${gitBlobId(change.content)}\t${change.path}`);
    }
  });

  it('splits a commit past the tree limits into chained tree requests, still one commit', async () => {
    const chained = createGitHubStorage({
      octokit: await fixture.client(),
      owner: OWNER,
      repo: REPO,
      branch: 'main',
      treeLimits: { maxEntries: 10 },
    });
    const changes = Array.from({ length: 25 }, (_, index) => write(`chain/f${index}.txt`, `${index}\n`));
    const before = head();
    const { routes } = await routesOf(() => chained.commit(changes, { message: 'chained' }));
    expect(routes.filter((route) => route === 'POST /repos/{owner}/{repo}/git/trees')).toHaveLength(3);
    expect(routes).toHaveLength(6);
    const repository = fixture.sim.repositoryPath(OWNER, REPO);
    expect(
      git(repository, ['rev-list', `${before}..main`])
        .trim()
        .split('\n'),
    ).toHaveLength(1);
    expect(
      git(repository, ['ls-tree', '-r', '--name-only', 'main', 'chain']).trim().split('\n'),
    ).toHaveLength(25);
  });

  it('lists an untruncated repository in one request', async () => {
    const { value, routes } = await routesOf(() => storage.list('c'));
    expect(routes).toEqual(['GET /repos/{owner}/{repo}/git/trees/{tree_sha}']);
    expect(value.map((entry) => `${entry.mode} ${entry.path}`)).toEqual([
      '100644 c/a.txt',
      '100644 c/latin1.txt',
      '120000 c/link',
      '100644 c/logo.png',
      '100755 c/run.sh',
    ]);
  });

  it('reads a file over 1 MB through the blobs API', async () => {
    const big = 'x'.repeat(1_500_000);
    await storage.commit([write('big/large.txt', big)], { message: 'large' });
    const { value, routes } = await routesOf(() => storage.read('big/large.txt'));
    expect(value?.version).toBe(gitBlobId(encoder.encode(big)));
    expect(value?.content.byteLength).toBe(1_500_000);
    expect(routes).toContain('GET /repos/{owner}/{repo}/git/blobs/{file_sha}');
  });

  it('rebuilds a commit on a moved head when the touched paths did not change', async () => {
    const remove = fixture.sim.injectFault({
      route: REF_ROUTE,
      kind: 'concurrent-push',
      files: { 'elsewhere.txt': 'theirs\n' },
      message: 'theirs',
    });
    const before = head();
    const { value } = await routesOf(() =>
      storage.commit([write('mine.txt', 'mine\n')], { message: 'mine' }),
    );
    remove();
    const repository = fixture.sim.repositoryPath(OWNER, REPO);
    expect(
      git(repository, ['log', '--format=%s', `${before}..main`])
        .trim()
        .split('\n'),
    ).toEqual(['mine', 'theirs']);
    expect(value.commitSha).toBe(head());
    expect(git(repository, ['show', 'main:elsewhere.txt'])).toBe('theirs\n');
  });

  it('refuses with VERSION_CONFLICT, changing nothing, when someone changed a touched path meanwhile', async () => {
    await storage.write('contested.txt', 'base\n');
    const remove = fixture.sim.injectFault({
      route: REF_ROUTE,
      kind: 'concurrent-push',
      files: { 'contested.txt': 'theirs\n' },
      message: 'theirs',
    });
    await expect(
      storage.commit([write('contested.txt', 'mine\n')], { message: 'mine' }),
    ).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    remove();
    expect(git(fixture.sim.repositoryPath(OWNER, REPO), ['log', '-1', '--format=%s', 'main']).trim()).toBe(
      'theirs',
    );
    expect(new TextDecoder().decode((await storage.read('contested.txt'))?.content)).toBe('theirs\n');
  });

  it('retries a stale-sha 409 when the file did not change, and gives VERSION_CONFLICT when it did', async () => {
    const first = await storage.write('cas.txt', 'one\n');
    const removeConflict = fixture.sim.injectFault({
      route: '/repos/{owner}/{repo}/contents/{path}',
      method: 'PUT',
      kind: 'status',
      status: 409,
    });
    const second = await storage.write('cas.txt', 'two\n', { expectedVersion: first.version });
    removeConflict();
    expect(second.version).toBe(gitBlobId(encoder.encode('two\n')));
    await fixture.sim.push(OWNER, REPO, 'main', { 'cas.txt': 'someone else\n' });
    await expect(
      storage.write('cas.txt', 'three\n', { expectedVersion: second.version }),
    ).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect(new TextDecoder().decode((await storage.read('cas.txt'))?.content)).toBe('someone else\n');
  });
});
