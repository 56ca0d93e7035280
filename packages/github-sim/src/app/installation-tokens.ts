import { randomInt } from 'node:crypto';
import type { AppPermissions, InstallationTokenRecord } from '../types.js';

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh token in GitHub's installation-token shape: `ghs_` and 36 alphanumerics. */
function newToken(): string {
  let token = 'ghs_';
  for (let index = 0; index < 36; index += 1) token += TOKEN_ALPHABET[randomInt(TOKEN_ALPHABET.length)];
  return token;
}

export interface InstallationToken {
  readonly installationId: number;
  readonly expiresAtMs: number;
  /** Lower-cased names the token was narrowed to; undefined reaches the whole installation. */
  readonly repositoryNames: ReadonlySet<string> | undefined;
  readonly record: InstallationTokenRecord;
}

export interface MintRequest {
  readonly installationId: number;
  readonly repositorySelection: 'all' | 'selected';
  readonly repositoryNames: readonly string[] | undefined;
  readonly permissions: AppPermissions;
}

export interface InstallationTokenStore {
  mint(request: MintRequest): { readonly token: string; readonly entry: InstallationToken };
  /** The live token, or undefined when unknown, expired or revoked. */
  find(token: string): InstallationToken | undefined;
  revokeInstallation(installationId: number): void;
  records(): readonly InstallationTokenRecord[];
}

/** Whole seconds, as GitHub writes timestamps; the token expires exactly at the time it reports. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function createInstallationTokenStore(options: {
  readonly now: () => number;
  readonly ttlMs: number;
}): InstallationTokenStore {
  const live = new Map<string, InstallationToken>();
  const minted: InstallationTokenRecord[] = [];
  return {
    mint(request) {
      const createdAtMs = options.now();
      const expiresAtMs = Math.ceil((createdAtMs + options.ttlMs) / 1000) * 1000;
      const record: InstallationTokenRecord = {
        installationId: request.installationId,
        createdAt: new Date(createdAtMs).toISOString(),
        expiresAt: isoSeconds(expiresAtMs),
        repositorySelection: request.repositorySelection,
        repositoryNames: request.repositoryNames,
        permissions: request.permissions,
      };
      const entry: InstallationToken = {
        installationId: request.installationId,
        expiresAtMs,
        repositoryNames: request.repositoryNames
          ? new Set(request.repositoryNames.map((name) => name.toLowerCase()))
          : undefined,
        record,
      };
      let token = newToken();
      while (live.has(token)) token = newToken();
      live.set(token, entry);
      minted.push(record);
      return { token, entry };
    },
    find(token) {
      const entry = live.get(token);
      if (!entry) return undefined;
      if (options.now() < entry.expiresAtMs) return entry;
      live.delete(token);
      return undefined;
    },
    revokeInstallation(installationId) {
      for (const [token, entry] of live) if (entry.installationId === installationId) live.delete(token);
    },
    records: () => minted,
  };
}
