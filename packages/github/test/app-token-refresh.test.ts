import { generateKeyPairSync } from 'node:crypto';
import { startGitHubSimulator } from '@healing/github-sim';
import { describe, expect, it } from 'vitest';
import { createGitHubClient } from '../src/index.js';

const keys = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

describe('a GitHub App installation client (through the real @octokit/auth-app)', () => {
  it('mints a new installation token before the old one expires, so no request meets a 401', async () => {
    const simulator = await startGitHubSimulator({
      repositories: [{ owner: 'acme', name: 'app' }],
      app: {
        id: 31,
        publicKey: keys.publicKey,
        installations: [{ id: 5, account: 'acme', repositories: 'all' }],
        tokenTtlMs: 2000,
      },
    });
    try {
      const octokit = await createGitHubClient({
        auth: { appId: 31, privateKey: keys.privateKey, installationId: 5 },
        baseUrl: simulator.url,
      });
      const read = async () => (await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })).status;
      expect(await read()).toBe(200);
      expect(await read()).toBe(200);
      expect(simulator.installationTokens()).toHaveLength(1);
      // Past the token's expiry (2 s, rounded up to the second): auth-app alone would send it
      // again and meet a 401; the cache has let it go, so a new one is minted first.
      await new Promise((resolve) => setTimeout(resolve, 3100));
      expect(await read()).toBe(200);
      expect(simulator.installationTokens()).toHaveLength(2);
      expect(simulator.requests.filter((request) => request.status === 401)).toEqual([]);

      // As the App itself (a JWT): the installations, without an installation token.
      const app = await createGitHubClient({
        auth: { appId: 31, privateKey: keys.privateKey },
        baseUrl: simulator.url,
      });
      const { data } = await app.request('GET /app/installations');
      expect(data.map((installation) => installation.id)).toEqual([5]);
      expect(simulator.installationTokens()).toHaveLength(2);
    } finally {
      await simulator.stop();
    }
  });
});
