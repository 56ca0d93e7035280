import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appClaims, createAppKeys, signJwt } from './support/app-keys.js';
import { createSeedRepo, git, type SeedRepo } from './support/seed-repo.js';

const BIN = fileURLToPath(new URL('../bin/github-sim.js', import.meta.url));
let seed: SeedRepo;
beforeAll(() => {
  seed = createSeedRepo({ 'hello.txt': 'hello\n' });
});
afterAll(() => {
  seed.remove();
});

describe('github-sim command', () => {
  it('prints its URL, serves the repository, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, '--repo', seed.dir, '--owner', 'me', '--name', 'demo'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const lines = createInterface({ input: child.stdout });
    const url = await new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', () => reject(new Error('github-sim exited before printing its URL')));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const branch = (await (await fetch(`${url}/repos/me/demo/branches/main`)).json()) as {
      commit: { sha: string };
    };
    expect(branch.commit.sha).toBe(git(seed.dir, 'rev-parse', 'HEAD'));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('refuses to start without --repo', async () => {
    const child = spawn(process.execPath, [BIN], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(stderr).toContain('--repo is required');
  });

  it('serves a GitHub App given --app-id, --app-public-key-file and --installation', async () => {
    const keys = createAppKeys();
    const keyFile = join(seed.dir, '.git', 'app-public-key.pem');
    writeFileSync(keyFile, keys.publicKey);
    const child = spawn(
      process.execPath,
      [BIN, '--repo', seed.dir, '--owner', 'me', '--name', 'demo', '--app-id', '321'].concat([
        '--app-public-key-file',
        keyFile,
        '--installation',
        '7:me',
      ]),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', () => reject(new Error('github-sim exited before printing its URL')));
    });
    const authorization = `Bearer ${signJwt(appClaims(321), keys.privateKey)}`;
    const installations = (await (
      await fetch(`${url}/app/installations`, { headers: { authorization } })
    ).json()) as {
      id: number;
      account: { login: string };
    }[];
    expect(installations.map((installation) => [installation.id, installation.account.login])).toEqual([
      [7, 'me'],
    ]);
    expect((await fetch(`${url}/repos/me/demo`)).status).toBe(401);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
