import { existsSync } from 'node:fs';
import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { startGitHubSimulator } from '../src/index.js';
import { createSeedRepo, git } from './support/seed-repo.js';
import { silentLog } from './support/simulator.js';

describe('starting and stopping', () => {
  it('serves several repositories: a seed keeps its default branch, an unseeded one starts with a README', async () => {
    const seed = createSeedRepo({ 'a.txt': 'a\n' }, 'trunk');
    const sim = await startGitHubSimulator({
      repositories: [
        { owner: 'acme', name: 'seeded', seedFrom: seed.dir },
        { owner: 'acme', name: 'fresh' },
      ],
    });
    try {
      const octokit = new Octokit({ baseUrl: sim.url, log: silentLog });
      const seeded = await octokit.rest.repos.get({ owner: 'acme', repo: 'seeded' });
      expect(seeded.data.default_branch).toBe('trunk');
      const trunk = await octokit.rest.repos.getBranch({ owner: 'acme', repo: 'seeded', branch: 'trunk' });
      expect(trunk.data.commit.sha).toBe(git(seed.dir, 'rev-parse', 'HEAD'));
      const fresh = await octokit.rest.repos.getContent({ owner: 'ACME', repo: 'Fresh', path: 'README.md' });
      expect(Buffer.from((fresh.data as { content: string }).content, 'base64').toString()).toBe('# fresh\n');
      expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await sim.stop();
      seed.remove();
    }
  });

  it('removes its repositories and checkouts on stop', async () => {
    const sim = await startGitHubSimulator({ repositories: [{ owner: 'acme', name: 'gone' }] });
    const path = sim.repositoryPath('acme', 'gone');
    expect(existsSync(path)).toBe(true);
    await sim.stop();
    expect(existsSync(path)).toBe(false);
  });

  it('refuses bad repository specs with CONFIG_INVALID', async () => {
    await expect(startGitHubSimulator({ repositories: [{ owner: 'a b', name: 'r' }] })).rejects.toMatchObject(
      {
        code: 'CONFIG_INVALID',
      },
    );
    await expect(
      startGitHubSimulator({
        repositories: [
          { owner: 'a', name: 'r' },
          { owner: 'A', name: 'R' },
        ],
      }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(
      startGitHubSimulator({ repositories: [{ owner: 'a', name: 'r', seedFrom: '/nonexistent/repo' }] }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringContaining('seedFrom') });
  });

  it('names unknown repositories and runs in its programmatic errors', async () => {
    const sim = await startGitHubSimulator({ repositories: [{ owner: 'acme', name: 'one' }] });
    try {
      expect(() => sim.repositoryPath('acme', 'two')).toThrow(/acme\/two is not simulated/);
      await expect(sim.push('acme', 'two', 'main', { x: 'y' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(sim.waitForRun('acme', 'one', 42)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(sim.redeliver('x')).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    } finally {
      await sim.stop();
    }
  });
});
