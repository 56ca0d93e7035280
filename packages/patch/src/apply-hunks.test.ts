import { isHealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { applyHunks } from './apply-hunks.js';
import type { Hunk, HunkLine } from './types.js';

function hunk(oldStart: number, newStart: number, body: string[]): Hunk {
  const lines: HunkLine[] = body.map((line) => ({
    kind: line[0] as HunkLine['kind'],
    content: Buffer.from(`${line.slice(1)}\n`),
  }));
  return {
    oldStart,
    oldLines: lines.filter((line) => line.kind !== '+').length,
    newStart,
    newLines: lines.filter((line) => line.kind !== '-').length,
    section: '',
    lines,
    patchLine: 1,
  };
}

const file = Buffer.from('a\nb\nc\nd\ne\nf\ng\n');
const run = (hunks: Hunk[], zero = false) => Buffer.from(applyHunks(file, hunks, 'f.txt', zero)).toString();

describe('applyHunks', () => {
  it('searches backwards and forwards from the expected line', () => {
    expect(run([hunk(6, 6, [' b', '-c', '+C', ' d'])])).toBe('a\nb\nC\nd\ne\nf\ng\n');
    expect(run([hunk(2, 2, [' e', '-f', '+F', ' g'])])).toBe('a\nb\nc\nd\ne\nF\ng\n');
  });

  it('never matches lines an earlier hunk wrote', () => {
    const first = hunk(2, 2, [' b', '-c', '+x', '+b', '+c', ' d']);
    const second = hunk(2, 4, [' b', '-c', '+Q', ' d']);
    try {
      run([first, second]);
      expect.unreachable();
    } catch (error) {
      expect(isHealingError(error, 'PATCH_CONFLICT')).toBe(true);
      expect((error as Error).message).toContain('f.txt hunk 2');
    }
  });

  it('inserts -U0 hunks positionally when asked for unidiff-zero', () => {
    expect(run([hunk(3, 4, ['+new'])], true)).toBe('a\nb\nc\nnew\nd\ne\nf\ng\n');
    expect(run([hunk(0, 1, ['+top'])], true)).toBe('top\na\nb\nc\nd\ne\nf\ng\n');
  });
});
