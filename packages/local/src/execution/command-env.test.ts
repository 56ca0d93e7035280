import { describe, expect, it } from 'vitest';
import { buildCommandEnv } from './command-env.js';

const parent = {
  PATH: '/usr/bin',
  HOME: '/home/me',
  GITHUB_TOKEN: 'ghp_secret',
  AWS_SECRET_ACCESS_KEY: 'aws-secret',
  NPM_TOKEN: 'npm-secret',
  JAVA_HOME: '/opt/java',
  CI: 'true',
};

describe('buildCommandEnv', () => {
  it('passes only allowlisted names', () => {
    expect(buildCommandEnv({ source: parent })).toEqual({ PATH: '/usr/bin', HOME: '/home/me', CI: 'true' });
  });

  it('lets named extras through and spec variables win', () => {
    const env = buildCommandEnv({
      source: parent,
      allowEnv: ['JAVA_HOME'],
      extra: { HOME: '/tmp/home', FOO: 'bar' },
    });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/tmp/home',
      CI: 'true',
      JAVA_HOME: '/opt/java',
      FOO: 'bar',
    });
    expect(Object.values(env).join(' ')).not.toMatch(/secret/);
  });
});
