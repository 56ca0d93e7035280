import { createSign, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EXP_NOT_IN_FUTURE,
  EXP_TOO_FAR,
  IAT_INVALID,
  JWT_UNDECODABLE,
  looksLikeJwt,
  verifyAppJwt,
} from './verify-app-jwt.js';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const app = { id: 77, publicKey: pair.publicKey };
const NOW_MS = 1_700_000_000_000;
const now = NOW_MS / 1000;

function jwt(claims: Record<string, unknown>, key = pair.privateKey, alg = 'RS256'): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg, typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key).toString('base64url')}`;
}

const verdictOf = (token: string) => verifyAppJwt(token, app, NOW_MS);

describe('verifyAppJwt', () => {
  it('accepts what universal-github-app-jwt writes: iat 30 s back, exp 10 minutes after, iss number or string', () => {
    expect(verdictOf(jwt({ iat: now - 30, exp: now + 570, iss: 77 }))).toEqual({ isValid: true });
    expect(verdictOf(jwt({ iat: now - 30, exp: now + 570, iss: '77' }))).toEqual({ isValid: true });
  });

  it('cannot decode a JWT signed by another key, for another App, with another algorithm, or not a JWT at all', () => {
    const claims = { iat: now - 30, exp: now + 570, iss: 77 };
    for (const token of [
      jwt(claims, other.privateKey),
      jwt({ ...claims, iss: 78 }),
      jwt(claims, pair.privateKey, 'HS256'),
      'a.b.c',
    ])
      expect(verdictOf(token)).toEqual({ isValid: false, message: JWT_UNDECODABLE });
  });

  it('answers the clock messages @octokit/auth-app corrects skew on', () => {
    expect(verdictOf(jwt({ iat: now - 700, exp: now - 100, iss: 77 }))).toEqual({
      isValid: false,
      message: EXP_NOT_IN_FUTURE,
    });
    expect(verdictOf(jwt({ iat: now - 30, exp: now + 570 + 60, iss: 77 }))).toEqual({
      isValid: false,
      message: EXP_TOO_FAR,
    });
    expect(verdictOf(jwt({ iat: now + 90, exp: now + 200, iss: 77 }))).toEqual({
      isValid: false,
      message: IAT_INVALID,
    });
    expect(verdictOf(jwt({ exp: now + 200, iss: 77 }))).toEqual({ isValid: false, message: IAT_INVALID });
  });

  it("accepts GitHub's own documented example: iat 60 s back, exp 10 minutes from now", () => {
    expect(verdictOf(jwt({ iat: now - 60, exp: now + 600, iss: 77 }))).toEqual({ isValid: true });
  });

  it('refuses an iss that only stringifies to the App id', () => {
    expect(verdictOf(jwt({ iat: now - 30, exp: now + 570, iss: [77] }))).toEqual({
      isValid: false,
      message: JWT_UNDECODABLE,
    });
  });

  it('allows 60 seconds of drift on iat', () => {
    expect(verdictOf(jwt({ iat: now + 60, exp: now + 300, iss: 77 }))).toEqual({ isValid: true });
  });

  it('tells JWTs from tokens by their shape', () => {
    expect(looksLikeJwt(jwt({ iss: 1 }))).toBe(true);
    expect(looksLikeJwt('ghs_abcdefghijklmnopqrstuvwxyz0123456789')).toBe(false);
  });
});
