import { HealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../src/apply-patch.js';
import { createPatch } from '../src/create-patch.js';
import { parsePatch } from '../src/parse-patch.js';
import { memoryView } from './support/git.js';
import { integer, pick, seededRandom } from './support/random.js';
import { mutateTree, randomTree } from './support/random-tree.js';

const FRAGMENTS = [
  'diff --git a/x b/x',
  'diff --git "a/\\303\\274" b/y',
  '--- a/x',
  '+++ b/x',
  '--- /dev/null',
  '+++ /dev/null',
  '@@ -1,2 +1,3 @@',
  '@@ -0,0 +1 @@',
  '@@ -1 +0,0 @@',
  ' context',
  '-removed',
  '+added',
  '\\ No newline at end of file',
  'new file mode 100644',
  'deleted file mode 120000',
  'old mode 100644',
  'new mode 160000',
  'rename from x',
  'rename to y',
  'copy from x',
  'similarity index 99%',
  'index 0000000..e69de29 100644',
  'GIT binary patch',
  'literal 3',
  'delta 5',
  'KcmZQzWC8#H2LJ>B',
  'HcmV?d00001',
  'Binary files a/x and b/x differ',
  '',
];

/** parsePatch either returns or throws a HealingError; anything else is a bug. */
function parsesOrFailsTyped(input: string | Uint8Array): 'parsed' | 'refused' {
  try {
    parsePatch(input);
    return 'parsed';
  } catch (error) {
    if (error instanceof HealingError) return 'refused';
    throw error;
  }
}

describe('parser fuzz (seeded, bounded)', () => {
  it('random bytes never throw anything but HealingError', () => {
    const random = seededRandom(1234);
    const outcomes = { parsed: 0, refused: 0 };
    for (let i = 0; i < 3000; i += 1) {
      const bytes = Uint8Array.from({ length: integer(random, 0, 400) }, () => integer(random, 0, 255));
      outcomes[parsesOrFailsTyped(bytes)] += 1;
    }
    expect(outcomes.refused).toBeGreaterThan(0);
    expect(outcomes.parsed + outcomes.refused).toBe(3000);
  });

  it('random sequences of header-like lines never throw anything but HealingError', () => {
    const random = seededRandom(99);
    const outcomes = { parsed: 0, refused: 0 };
    for (let i = 0; i < 5000; i += 1) {
      const lines = Array.from({ length: integer(random, 1, 25) }, () => pick(random, FRAGMENTS));
      outcomes[parsesOrFailsTyped(`${lines.join('\n')}${random() < 0.8 ? '\n' : ''}`)] += 1;
    }
    expect(outcomes.parsed).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it('truncated and damaged real patches fail typed, and so does applying them', async () => {
    const random = seededRandom(7);
    let refused = 0;
    for (let i = 0; i < 300; i += 1) {
      const before = randomTree(random);
      const patch = Buffer.from(
        createPatch(before, mutateTree(random, before), { context: integer(random, 0, 4) }),
      );
      if (patch.length === 0) continue;
      const damaged = Buffer.from(patch.subarray(0, integer(random, 0, patch.length)));
      if (random() < 0.5 && damaged.length > 0)
        damaged[integer(random, 0, damaged.length - 1)] = integer(random, 0, 255);
      try {
        await applyPatch(damaged, memoryView(before));
      } catch (error) {
        if (!(error instanceof HealingError)) throw error;
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
