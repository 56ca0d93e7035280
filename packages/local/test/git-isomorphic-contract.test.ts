import { testGitAdapter } from '@healing/adapters/testing';
import { createIsomorphicGit } from '../src/git/iso-git.js';
import { contractSubject, createRepository } from './git-fixture.js';

testGitAdapter(
  'createIsomorphicGit',
  async () => {
    const repository = await createRepository();
    return contractSubject(repository, createIsomorphicGit({ dir: repository.dir }));
  },
  { timeoutMs: 30_000 },
);
