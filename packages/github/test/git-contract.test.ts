import { testGitAdapter } from '@healing/adapters/testing';
import { createGitHubGit } from '../src/index.js';
import { OWNER, startSimulator } from './support/simulator.js';

testGitAdapter(
  'GitHub git on the simulator',
  async () => {
    const fixture = await startSimulator([{ name: 'git-contract' }]);
    return {
      git: createGitHubGit({ octokit: await fixture.client(), owner: OWNER, repo: 'git-contract' }),
      cleanup: () => fixture.stop(),
    };
  },
  { timeoutMs: 60_000 },
);
