import { type KeyObject, verify } from 'node:crypto';

// GitHub's exact texts: @octokit/auth-app matches the three claim messages to correct clock skew.
export const JWT_UNDECODABLE = 'A JSON web token could not be decoded';
export const EXP_NOT_IN_FUTURE =
  "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
export const EXP_TOO_FAR = "'Expiration time' claim ('exp') is too far in the future";
export const IAT_INVALID =
  "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";

/** GitHub refuses a JWT that lives longer than ten minutes. */
const MAX_LIFETIME_SECONDS = 600;
/** How far ahead of the server's clock `iat` may be. */
const CLOCK_DRIFT_SECONDS = 60;

export type JwtVerdict = { readonly isValid: true } | { readonly isValid: false; readonly message: string };

/** Three base64url parts: GitHub tells a JWT from a token by its shape. */
export function looksLikeJwt(credential: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(credential);
}

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function hasValidSignature(jwt: string, publicKey: KeyObject): boolean {
  const [header, payload, signature = ''] = jwt.split('.');
  try {
    return verify(
      'sha256',
      Buffer.from(`${header}.${payload}`),
      publicKey,
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

/** Checks a GitHub App JWT as GitHub does: RS256 by the App's key, `iss` the App id, `iat`/`exp` in range. */
export function verifyAppJwt(
  jwt: string,
  app: { readonly id: number; readonly publicKey: KeyObject },
  nowMs: number,
): JwtVerdict {
  const [headerPart = '', payloadPart = ''] = jwt.split('.');
  const header = decodePart(headerPart);
  const claims = decodePart(payloadPart);
  const refuse = (message: string): JwtVerdict => ({ isValid: false, message });
  if (!header || !claims || header.alg !== 'RS256' || !hasValidSignature(jwt, app.publicKey))
    return refuse(JWT_UNDECODABLE);
  const issuer = claims.iss;
  if ((typeof issuer !== 'number' && typeof issuer !== 'string') || String(issuer) !== String(app.id))
    return refuse(JWT_UNDECODABLE);
  const now = Math.floor(nowMs / 1000);
  const { iat, exp } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= now) return refuse(EXP_NOT_IN_FUTURE);
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > now + CLOCK_DRIFT_SECONDS)
    return refuse(IAT_INVALID);
  // GitHub bounds `exp` from now, not from `iat`: its own example backdates iat by 60 s and sets
  // exp 10 minutes ahead.
  if (exp > now + MAX_LIFETIME_SECONDS) return refuse(EXP_TOO_FAR);
  return { isValid: true };
}
