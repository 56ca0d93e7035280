import { testGitAdapter } from '@healing/adapters/testing';
import { contractSubject, createRepository } from './git-fixture.js';

// The adapter runs isomorphic-git in a worker thread, which loads the compiled dist/git/iso-worker.js.
const built = new URL('../dist/index.js', import.meta.url).href;
const { createIsomorphicGit } = (await import(built)) as typeof import('../src/index.js');

testGitAdapter(
  'createIsomorphicGit',
  async () => {
    const repository = await createRepository();
    return contractSubject(repository, createIsomorphicGit({ dir: repository.dir }));
  },
  { timeoutMs: 30_000 },
);
