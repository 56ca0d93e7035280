import { Octokit } from '@octokit/rest';
import type { GitHubSimulator, GitHubSimulatorOptions } from '../../src/index.js';
import { startGitHubSimulator } from '../../src/index.js';
import { createSeedRepo, type SeedRepo } from './seed-repo.js';

export const TOKEN = 'test-token-123';

/** Octokit prints every failed request; the tests assert on them instead. */
export const silentLog = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export interface Harness {
  readonly sim: GitHubSimulator;
  readonly octokit: Octokit;
  readonly seed: SeedRepo;
  close(): Promise<void>;
}

/** A simulator serving `acme/widgets` seeded from a fresh repository holding `files`, and an authenticated octokit. */
export async function startHarness(
  files: Record<string, string | Uint8Array> = {
    'README.md': '# widgets\n',
    'src/index.js': 'export const a = 1;\n',
  },
  options: Partial<GitHubSimulatorOptions> = {},
): Promise<Harness> {
  const seed = createSeedRepo(files);
  const sim = await startGitHubSimulator({
    repositories: [{ owner: 'acme', name: 'widgets', seedFrom: seed.dir }],
    token: TOKEN,
    ...options,
  });
  const octokit = new Octokit({ baseUrl: sim.url, auth: TOKEN, log: silentLog });
  return {
    sim,
    octokit,
    seed,
    async close() {
      await sim.stop();
      seed.remove();
    },
  };
}

export const repo = { owner: 'acme', repo: 'widgets' } as const;
