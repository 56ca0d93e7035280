import { testStorageAdapter } from '@healing/adapters/testing';
import { afterAll, beforeAll } from 'vitest';
import { createGitHubStorage } from '../src/index.js';
import { OWNER, type SimulatorFixture, startSimulator } from './support/simulator.js';

let fixture: SimulatorFixture;
beforeAll(async () => {
  fixture = await startSimulator([{ name: 'contract' }]);
});
afterAll(() => fixture.stop());

testStorageAdapter(
  'GitHub storage on the simulator',
  async () =>
    createGitHubStorage({ octokit: await fixture.client(), owner: OWNER, repo: 'contract', branch: 'main' }),
  { timeoutMs: 60_000 },
);
