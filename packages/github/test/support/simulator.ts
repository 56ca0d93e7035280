import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type GitHubSimulator, startGitHubSimulator } from '@healing/github-sim';
import { createGitHubClient, type GitHubClient } from '../../src/index.js';

export const TOKEN = 'ghs_simulatorTokenForTests0123456789abcd';
export const OWNER = 'octo';

export interface SimulatorFixture {
  readonly sim: GitHubSimulator;
  client(options?: { readonly retries?: number }): Promise<GitHubClient>;
  stop(): Promise<void>;
}

/** A simulator on 127.0.0.1 with the given repositories, and clients that talk to it without waiting. */
export async function startSimulator(
  repositories: ReadonlyArray<{ name: string; seedFrom?: string; defaultBranch?: string }>,
  options: {
    treeLimits?: { maxEntries?: number; maxBytes?: number };
    actions?: { dispatchDelayMs?: number };
  } = {},
): Promise<SimulatorFixture> {
  const sim = await startGitHubSimulator({
    port: 0,
    token: TOKEN,
    repositories: repositories.map((repository) => ({ owner: OWNER, ...repository })),
    ...(options.treeLimits ? { treeLimits: options.treeLimits } : {}),
    ...(options.actions ? { actions: options.actions } : {}),
  });
  return {
    sim,
    client: (clientOptions = {}) =>
      createGitHubClient({
        auth: { token: TOKEN },
        baseUrl: sim.url,
        retries: clientOptions.retries ?? 2,
        retryAfterBaseMs: 1,
        writeIntervalMs: 0,
      }),
    stop: () => sim.stop(),
  };
}

/** Runs git in `cwd` with a fixed identity and no user configuration. */
export function git(cwd: string, args: readonly string[], input?: string | Uint8Array): string {
  return execFileSync('git', ['-c', 'core.autocrlf=false', ...args], {
    cwd,
    input,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: '/nonexistent',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
  }).toString('utf8');
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
