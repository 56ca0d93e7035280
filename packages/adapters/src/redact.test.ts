import { describe, expect, it } from 'vitest';
import { redactSecrets, redactValue } from './redact.js';

const token = `ghp_${'A1b2C3d4'.repeat(5)}`;

describe('redactSecrets', () => {
  it('removes known secret values wherever they appear', () => {
    expect(redactSecrets('key=hunter2-secret used twice: hunter2-secret', ['hunter2-secret'])).toBe(
      'key=[REDACTED] used twice: [REDACTED]',
    );
  });

  it('removes token-shaped strings nobody declared', () => {
    const text = `push with ${token} and github_pat_${'x'.repeat(30)} and sk-${'k'.repeat(24)}`;
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain(token);
    expect(redacted).not.toContain('github_pat_');
    expect(redacted).not.toContain('sk-kkkk');
    expect(redacted.match(/\[REDACTED\]/g)).toHaveLength(3);
  });

  it('keeps the header name but not the value of an authorization header', () => {
    expect(redactSecrets('Authorization: Bearer abc.def.ghi-123')).toBe('Authorization: [REDACTED]');
    expect(redactSecrets('authorization=token abcdef0123456789')).toBe('authorization=[REDACTED]');
  });

  it('removes credentials embedded in URLs', () => {
    expect(redactSecrets('fetch https://x-access-token:abc123@github.com/o/r.git')).toBe(
      'fetch https://[REDACTED]@github.com/o/r.git',
    );
  });

  it('removes private key blocks', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----';
    expect(redactSecrets(`key: ${key} end`)).toBe('key: [REDACTED] end');
  });

  it('ignores very short "secrets" that would erase ordinary words', () => {
    expect(redactSecrets('a test of the', ['a', 'the'])).toBe('a test of the');
  });

  it('leaves ordinary text alone', () => {
    const text = 'src/a.ts hunk 2 expected "return x" at line 14';
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('redactValue', () => {
  it('redacts nested strings and secret-named keys', () => {
    expect(redactValue({ token: 'plain', nested: [`uses ${token}`], count: 3 })).toEqual({
      token: '[REDACTED]',
      nested: ['uses [REDACTED]'],
      count: 3,
    });
  });
});
