import { isHealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { loadWorkerConfig } from './worker-config.js';

const secret = 'whsec-0123456789abcdef';
const token = `ghs_${'a'.repeat(36)}`;

function configError(env: Record<string, string>): string {
  try {
    loadWorkerConfig(env);
  } catch (error) {
    expect(isHealingError(error, 'CONFIG_INVALID')).toBe(true);
    const message = (error as Error).message;
    expect(message).not.toContain(token);
    return message;
  }
  throw new Error('expected a config error');
}

describe('loadWorkerConfig', () => {
  it('reads a token setup with defaults', () => {
    const config = loadWorkerConfig({ HEAL_WEBHOOK_SECRET: secret, HEAL_GITHUB_TOKEN: token });
    expect(config).toMatchObject({
      webhookSecret: secret,
      auth: { kind: 'token', token },
      apiUrl: 'https://api.github.com',
      port: 8080,
      maxBodyBytes: 5 * 1024 * 1024,
      allowForks: false,
      pollIntervalMs: 0,
      concurrencyPerRepository: 1,
    });
    expect(config.secrets).toEqual([secret, token]);
  });

  it('reads a GitHub App setup, lists and flags', () => {
    const config = loadWorkerConfig({
      HEAL_WEBHOOK_SECRET: secret,
      HEAL_GITHUB_APP_ID: '12345',
      HEAL_GITHUB_APP_PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----',
      HEAL_BRANCHES: 'main, release/*',
      HEAL_ALLOW_FORKS: 'true',
      HEAL_PORT: '0',
    });
    expect(config.auth).toMatchObject({ kind: 'app', appId: '12345' });
    expect(config.branches).toEqual(['main', 'release/*']);
    expect(config.allowForks).toBe(true);
    expect(config.port).toBe(0);
  });

  it('names the missing credential', () => {
    expect(configError({ HEAL_WEBHOOK_SECRET: secret })).toContain('HEAL_GITHUB_TOKEN');
    expect(configError({ HEAL_WEBHOOK_SECRET: secret, HEAL_GITHUB_APP_ID: '1' })).toContain(
      'HEAL_GITHUB_APP_PRIVATE_KEY',
    );
  });

  it('needs a webhook secret or polling', () => {
    expect(configError({ HEAL_GITHUB_TOKEN: token })).toContain('HEAL_WEBHOOK_SECRET');
    expect(configError({ HEAL_GITHUB_TOKEN: token, HEAL_POLL_INTERVAL_MS: '60000' })).toContain(
      'HEAL_REPOSITORIES',
    );
  });

  it('lets a GitHub App poll what its installations reach, with no repository list', () => {
    const config = loadWorkerConfig({
      HEAL_GITHUB_APP_ID: '123',
      HEAL_GITHUB_APP_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
      HEAL_POLL_INTERVAL_MS: '60000',
    });
    expect(config).toMatchObject({
      auth: { kind: 'app', appId: '123' },
      pollIntervalMs: 60_000,
      repositories: [],
    });
  });

  it('names each bad variable', () => {
    const message = configError({
      HEAL_GITHUB_TOKEN: token,
      HEAL_WEBHOOK_SECRET: 'short',
      HEAL_PORT: 'eighty',
      HEAL_LOG_LEVEL: 'loud',
    });
    expect(message).toContain('HEAL_WEBHOOK_SECRET: must be at least 16 characters');
    expect(message).toContain('HEAL_PORT');
    expect(message).toContain('HEAL_LOG_LEVEL');
    expect(
      configError({
        HEAL_GITHUB_TOKEN: token,
        HEAL_WEBHOOK_SECRET: secret,
        HEAL_LEASE_MS: '500',
        HEAL_SHUTDOWN_GRACE_MS: 'soon',
      }),
    ).toMatch(/HEAL_SHUTDOWN_GRACE_MS: .*HEAL_LEASE_MS: must be at least 3000/);
    expect(
      loadWorkerConfig({ HEAL_GITHUB_TOKEN: token, HEAL_WEBHOOK_SECRET: secret, HEAL_SHUTDOWN_GRACE_MS: '' }),
    ).toMatchObject({ shutdownGraceMs: 30_000, leaseMs: 900_000, actionsPollMs: 5000 });
    expect(
      configError({ HEAL_GITHUB_TOKEN: token, HEAL_WEBHOOK_SECRET: secret, HEAL_LEASE_MS: '99999999999' }),
    ).toContain('HEAL_LEASE_MS: must be at most 2147483647');
    expect(
      configError({ HEAL_GITHUB_TOKEN: token, HEAL_WEBHOOK_SECRET: secret, HEAL_REPOSITORIES: 'nope' }),
    ).toContain('"nope" is not owner/name');
  });
});
