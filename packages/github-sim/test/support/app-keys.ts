import { createSign, generateKeyPairSync } from 'node:crypto';

export interface AppKeys {
  /** SPKI PEM, what the simulator's `app.publicKey` takes. */
  readonly publicKey: string;
  /** PKCS#8 (`BEGIN PRIVATE KEY`). */
  readonly privateKey: string;
  /** PKCS#1 (`BEGIN RSA PRIVATE KEY`), the format GitHub's downloaded .pem files use. */
  readonly privateKeyPkcs1: string;
}

/** A fresh RSA key pair, as a GitHub App registration has. */
export function createAppKeys(): AppKeys {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateKeyPkcs1: pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
}

/** A hand-made RS256 JWT with any claims, for the answers a well-behaved client never provokes. */
export function signJwt(claims: Record<string, unknown>, privateKey: string, alg = 'RS256'): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg, typ: 'JWT' })}.${encode(claims)}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url');
  return `${unsigned}.${signature}`;
}

/** Claims as universal-github-app-jwt writes them, shifted by `offsetSeconds`. */
export function appClaims(appId: number | string, offsetSeconds = 0): Record<string, unknown> {
  const iat = Math.floor(Date.now() / 1000) - 30 + offsetSeconds;
  return { iat, exp: iat + 600, iss: appId };
}
