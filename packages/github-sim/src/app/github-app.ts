import { createPublicKey, type KeyObject } from 'node:crypto';
import { HealingError } from '@healing/adapters';
import type { SimUser } from '../json/user-json.js';
import type { AppPermissions, GitHubAppSpec, InstallationSpec } from '../types.js';
import { createInstallationTokenStore, type InstallationTokenStore } from './installation-tokens.js';

export const DEFAULT_APP_SLUG = 'heal-bot';
const HOUR_MS = 60 * 60_000;
/** What a healing App asks for: write code, pull requests, issues and workflow runs. */
export const DEFAULT_INSTALLATION_PERMISSIONS: AppPermissions = {
  actions: 'write',
  contents: 'write',
  issues: 'write',
  metadata: 'read',
  pull_requests: 'write',
  workflows: 'write',
};
/** The webhook events the simulated App subscribes to: the ones the simulator sends. */
export const APP_EVENTS = ['push', 'workflow_run'] as const;

export interface Installation {
  readonly spec: InstallationSpec;
  readonly permissions: AppPermissions;
  readonly createdAt: string;
}

/** The App's registration and live installations, changed at run time by add/remove. */
export interface GitHubApp {
  readonly id: number;
  readonly slug: string;
  readonly publicKey: KeyObject;
  /** `<slug>[bot]`, who its installation tokens write as. */
  readonly botUser: SimUser;
  readonly createdAt: string;
  readonly tokens: InstallationTokenStore;
  installations(): readonly Installation[];
  findInstallation(installationId: number): Installation | undefined;
  /** The installation that reaches `owner/name`, if any. */
  installationFor(owner: string, name: string): Installation | undefined;
  reaches(installation: Installation, owner: string, name: string): boolean;
  add(spec: InstallationSpec): Installation;
  /** Forgets the installation and revokes its tokens. */
  remove(installationId: number): Installation;
}

function publicKeyOf(pem: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === 'rsa') return key;
  } catch (cause) {
    throw new HealingError(
      'CONFIG_INVALID',
      'app.publicKey is not a PEM public key; pass the SPKI PEM ("BEGIN PUBLIC KEY") of the App key pair',
      { cause },
    );
  }
  throw new HealingError(
    'CONFIG_INVALID',
    'app.publicKey is not an RSA key; GitHub Apps sign JWTs with RS256',
  );
}

export function createGitHubApp(
  spec: GitHubAppSpec,
  options: { readonly now: () => number; readonly nextId: () => number },
): GitHubApp {
  const slug = spec.slug ?? DEFAULT_APP_SLUG;
  const botId = options.nextId();
  const isoNow = () => new Date(options.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const live = new Map<number, Installation>();
  const tokens = createInstallationTokenStore({ now: options.now, ttlMs: spec.tokenTtlMs ?? HOUR_MS });
  const reaches = (installation: Installation, owner: string, name: string) => {
    const { account, repositories } = installation.spec;
    if (account.toLowerCase() !== owner.toLowerCase()) return false;
    return repositories === 'all' || repositories.some((repo) => repo.toLowerCase() === name.toLowerCase());
  };
  const add = (installation: InstallationSpec): Installation => {
    if (live.has(installation.id))
      throw new HealingError(
        'CONFIG_INVALID',
        `installation ${installation.id} already exists; give each installation its own id`,
      );
    const added = {
      spec: installation,
      permissions: installation.permissions ?? DEFAULT_INSTALLATION_PERMISSIONS,
      createdAt: isoNow(),
    };
    live.set(installation.id, added);
    return added;
  };
  const app: GitHubApp = {
    id: spec.id,
    slug,
    publicKey: publicKeyOf(spec.publicKey),
    botUser: {
      login: `${slug}[bot]`,
      id: botId,
      name: `${slug}[bot]`,
      email: `${botId}+${slug}[bot]@users.noreply.github.com`,
      type: 'Bot',
    },
    createdAt: isoNow(),
    tokens,
    installations: () => [...live.values()],
    findInstallation: (installationId) => live.get(installationId),
    installationFor: (owner, name) => [...live.values()].find((candidate) => reaches(candidate, owner, name)),
    reaches,
    add,
    remove(installationId) {
      const removed = live.get(installationId);
      if (!removed)
        throw new HealingError(
          'NOT_FOUND',
          `no installation ${installationId}; pick one from app.installations or addInstallation`,
        );
      live.delete(installationId);
      tokens.revokeInstallation(installationId);
      return removed;
    },
  };
  for (const installation of spec.installations) add(installation);
  return app;
}
