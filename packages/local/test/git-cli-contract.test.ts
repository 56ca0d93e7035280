import { testGitAdapter } from '@healing/adapters/testing';
import { createCliGit } from '../src/git/cli-git.js';
import { contractSubject, createRepository } from './git-fixture.js';

testGitAdapter(
  'createCliGit',
  async () => {
    const repository = await createRepository();
    return contractSubject(repository, createCliGit({ dir: repository.dir }));
  },
  { timeoutMs: 30_000 },
);
