import { describe, expect, it } from 'vitest';
import { detectEnvironment, parseRepository } from './environment.js';

describe('detectEnvironment', () => {
  it('sees a laptop when no CI variable is set', () => {
    expect(detectEnvironment({ HOME: '/home/me' })).toMatchObject({
      kind: 'local',
      ciName: null,
      repository: null,
      hasToken: false,
      apiUrl: 'https://api.github.com',
    });
  });

  it('reads GitHub Actions variables without keeping the token', () => {
    const env = {
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_REPOSITORY: 'octo/widgets',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF: 'refs/heads/feature/x',
      GITHUB_RUN_ID: '123456',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_API_URL: 'https://ghe.example/api/v3',
      GITHUB_TOKEN: 'ghs_secretsecretsecretsecret',
    };
    const detected = detectEnvironment(env);
    expect(detected).toEqual({
      kind: 'github-actions',
      ciName: 'github-actions',
      repository: { owner: 'octo', name: 'widgets' },
      sha: 'a'.repeat(40),
      ref: 'refs/heads/feature/x',
      branch: 'feature/x',
      runId: '123456',
      runAttempt: 2,
      eventName: 'push',
      apiUrl: 'https://ghe.example/api/v3',
      serverUrl: 'https://github.com',
      hasToken: true,
    });
    expect(JSON.stringify(detected)).not.toContain('ghs_secret');
  });

  it('uses the pull request head branch when there is one', () => {
    const detected = detectEnvironment({
      GITHUB_ACTIONS: 'true',
      GITHUB_REF: 'refs/pull/7/merge',
      GITHUB_HEAD_REF: 'fix/thing',
    });
    expect(detected.branch).toBe('fix/thing');
  });

  it('recognises other CI services and a bare CI=true', () => {
    expect(detectEnvironment({ GITLAB_CI: 'true', CI: 'true' })).toMatchObject({
      kind: 'ci',
      ciName: 'gitlab',
    });
    expect(detectEnvironment({ CI: 'true' })).toMatchObject({ kind: 'ci', ciName: 'unknown' });
    expect(detectEnvironment({ CI: 'false' })).toMatchObject({ kind: 'local' });
  });

  it('remembers the answer per environment object and reads it once', () => {
    let reads = 0;
    const env = new Proxy<Record<string, string | undefined>>(
      { GITHUB_ACTIONS: 'true' },
      {
        get(target, key) {
          reads += 1;
          return typeof key === 'string' ? target[key] : undefined;
        },
      },
    );
    const first = detectEnvironment(env);
    const readsAfterFirst = reads;
    expect(detectEnvironment(env)).toBe(first);
    expect(reads).toBe(readsAfterFirst);
    expect(detectEnvironment({ GITHUB_ACTIONS: 'true' })).not.toBe(first);
  });
});

describe('parseRepository', () => {
  it('parses owner/name and refuses anything else', () => {
    expect(parseRepository('octo/widgets')).toEqual({ owner: 'octo', name: 'widgets' });
    expect(parseRepository('octo')).toBeNull();
    expect(parseRepository('a/b/c')).toBeNull();
    expect(parseRepository(undefined)).toBeNull();
  });
});
