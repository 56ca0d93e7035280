import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PatchError } from '@healing/adapters';
import { afterAll, describe, expect, it } from 'vitest';
import { applyPatch } from '../src/apply-patch.js';
import { GIT_ENV, memoryView, removeTemps, text } from './support/git.js';
import { integer, pick, seededRandom } from './support/random.js';
import { gitScenario } from './support/scenario.js';

afterAll(removeTemps);

// A small vocabulary makes repeated lines, so hunks have several places they could match.
const WORDS = ['a', 'b', 'c', '}', 'return x;', ''];
const line = (random: () => number) =>
  Array.from({ length: integer(random, 1, 2) }, () => pick(random, WORDS)).join(' ');

function edit(random: () => number, lines: string[], edits: number): string[] {
  const out = [...lines];
  for (let i = 0; i < edits; i += 1) {
    const at = integer(random, 0, out.length);
    const roll = random();
    if (roll < 0.4) out.splice(at, 0, line(random));
    else if (roll < 0.7 && out.length > 1) out.splice(Math.min(at, out.length - 1), 1);
    else if (out.length > 0) out[Math.min(at, out.length - 1)] = line(random);
  }
  return out;
}

/** What real `git apply` (no options) does with the patch on `target`: the result, or null if it refuses. */
function gitApply(repo: string, patch: Buffer, target: string): string | null {
  writeFileSync(join(repo, 'f.txt'), target);
  try {
    execFileSync('git', ['apply', '-'], {
      cwd: repo,
      env: GIT_ENV,
      input: patch,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  } catch {
    return null;
  }
  return readFileSync(join(repo, 'f.txt'), 'utf8');
}

const outcomes = { applied: 0, refused: 0 };

describe('applyPatch on drifted files agrees with git apply (offsets, anchors, refusals)', () => {
  for (let seed = 1; seed <= 80; seed += 1) {
    it(`seed ${seed}`, async () => {
      const random = seededRandom(seed * 7919);
      const base = Array.from({ length: integer(random, 5, 40) }, () => line(random));
      const changed = edit(random, base, integer(random, 1, 4));
      const drifted = edit(random, base, integer(random, 0, 4));
      const toText = (lines: string[]) => (lines.length > 0 ? `${lines.join('\n')}\n` : '');
      const scenario = gitScenario(
        new Map([['f.txt', text(toText(base))]]),
        new Map([['f.txt', text(toText(changed))]]),
        [`-U${integer(random, 1, 4)}`],
      );
      if (scenario.patch.length === 0) return;
      const want = gitApply(scenario.repo, scenario.patch, toText(drifted));
      let got: string | null;
      try {
        const { changes } = await applyPatch(
          scenario.patch,
          memoryView(new Map([['f.txt', text(toText(drifted))]])),
        );
        const write = changes.find((change) => change.kind === 'write');
        got = write?.kind === 'write' ? Buffer.from(write.content).toString('utf8') : '';
      } catch (error) {
        expect(error).toBeInstanceOf(PatchError);
        got = null;
      }
      expect(got).toBe(want);
      outcomes[want === null ? 'refused' : 'applied'] += 1;
    });
  }

  it('saw both outcomes', () => {
    expect(outcomes.applied).toBeGreaterThan(10);
    expect(outcomes.refused).toBeGreaterThan(10);
  });
});
