import { afterAll, describe, expect, it } from 'vitest';
import { applyPatch } from '../src/apply-patch.js';
import { createPatch } from '../src/create-patch.js';
import { git, gitText, memoryView, removeTemps, repoWith, treeOfFiles, withChanges } from './support/git.js';
import { integer, seededRandom } from './support/random.js';
import { mutateTree, randomTree } from './support/random-tree.js';

afterAll(removeTemps);

const SEEDS = 60;
const seen = { editedRenames: 0, binaries: 0, links: 0 };

describe('createPatch (property: real git apply accepts it and reaches the same tree)', () => {
  for (let seed = 1; seed <= SEEDS; seed += 1) {
    it(`seed ${seed}`, async () => {
      const random = seededRandom(seed);
      const before = randomTree(random);
      const after = mutateTree(random, before);
      const context = integer(random, 0, 5);
      const patch = createPatch(before, after, { context, detectRenames: random() < 0.7 });
      if (/similarity index [0-9]{1,2}%/.test(patch)) seen.editedRenames += 1;
      if (patch.includes('GIT binary patch')) seen.binaries += 1;
      if (patch.includes(' mode 120000')) seen.links += 1;
      const want = treeOfFiles(after);
      const repo = repoWith(before);
      if (patch.length > 0) {
        git(repo, ['apply', '--index', ...(context === 0 ? ['--unidiff-zero'] : []), '-'], { input: patch });
      }
      expect(gitText(repo, ['write-tree'])).toBe(want);
      if (patch.length > 0) {
        const { changes } = await applyPatch(patch, memoryView(before));
        expect(treeOfFiles(withChanges(before, changes))).toBe(want);
      }
    });
  }

  it('covered edited renames, binaries and links across the seeds', () => {
    expect(seen.editedRenames).toBeGreaterThan(0);
    expect(seen.binaries).toBeGreaterThan(0);
    expect(seen.links).toBeGreaterThan(0);
  });
});
