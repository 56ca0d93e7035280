import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startScriptedModelServer } from '@healing/engine/testing';
import { startGitHubSimulator } from '@healing/github-sim';
import { describe, expect, it } from 'vitest';
import { repository, runHeal, temp, write } from './helpers.js';

interface Check {
  name: string;
  status: string;
  detail: string;
  fix?: string;
}
const checksOf = (stdout: string): Check[] => JSON.parse(stdout) as Check[];
const check = (checks: Check[], name: string): Check | undefined =>
  checks.find((entry) => entry.name === name);

describe('heal doctor (built binary)', () => {
  it('passes in a ready repository and says what is optional', async () => {
    const { dir } = repository({ addBody: 'a + b' });
    const result = await runHeal(dir, ['doctor', '--json']);
    expect(result.code).toBe(0);
    const checks = checksOf(result.stdout);
    expect(checks.map((entry) => entry.name)).toEqual([
      'node',
      'git',
      'repository',
      'config',
      'cache',
      'model',
      'github token',
      'actions workflow',
    ]);
    expect(check(checks, 'config')?.status).toBe('ok');
    expect(check(checks, 'cache')?.status).toBe('ok');
    expect(check(checks, 'github token')?.status).toBe('info');
  });

  it('fails with exit 3 outside a repository', async () => {
    const result = await runHeal(temp(), ['doctor']);
    expect(result.code).toBe(3);
    expect(result.stdout).toContain('✗ repository');
    expect(result.stdout).toContain('fix: run heal inside a git repository');
  });

  it('reaches the model endpoint, and says so when it cannot', async () => {
    const server = await startScriptedModelServer({ answers: [] });
    try {
      const { dir } = repository({ addBody: 'a + b' });
      const config = JSON.parse(readFileSync(join(dir, 'heal.config.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      write(dir, {
        'heal.config.json': JSON.stringify({
          ...config,
          strategies: { model: { enabled: true, baseUrl: server.baseUrl } },
        }),
      });
      const reachable = checksOf(
        (await runHeal(dir, ['doctor', '--json'], { OPENAI_API_KEY: 'sk-test-key-0123456789' })).stdout,
      );
      expect(check(reachable, 'model')?.status).not.toBe('fail');
      expect(check(reachable, 'model')?.detail).toContain(server.baseUrl);

      write(dir, {
        'heal.config.json': JSON.stringify({
          ...config,
          strategies: { model: { enabled: true, baseUrl: 'http://127.0.0.1:9/v1' } },
        }),
      });
      const unreachable = await runHeal(dir, ['doctor', '--json']);
      expect(unreachable.code).toBe(3);
      expect(check(checksOf(unreachable.stdout), 'model')).toMatchObject({ status: 'fail' });
    } finally {
      await server.close();
    }
  });

  it('checks a GitHub token against the API and never prints it', async () => {
    const token = `ghp_${'T0k3n'.repeat(8)}`;
    const simulator = await startGitHubSimulator({ repositories: [{ owner: 'octo', name: 'app' }], token });
    try {
      const { dir } = repository({ addBody: 'a + b' });
      const good = await runHeal(dir, ['doctor', '--json'], {
        GITHUB_TOKEN: token,
        GITHUB_API_URL: simulator.url,
      });
      expect(check(checksOf(good.stdout), 'github token')).toMatchObject({ status: 'ok' });
      expect(good.stdout).not.toContain(token);

      const bad = await runHeal(dir, ['doctor'], {
        GITHUB_TOKEN: `ghp_${'w'.repeat(40)}`,
        GITHUB_API_URL: simulator.url,
      });
      expect(bad.code).toBe(3);
      expect(bad.stdout).toContain('GITHUB_TOKEN was refused');
    } finally {
      await simulator.stop();
    }
  });
});
