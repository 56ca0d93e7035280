import { isHealingError } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { applyBinaryDelta } from './binary-delta.js';

const source = Buffer.from('The quick brown fox jumps over the lazy dog');

describe('applyBinaryDelta', () => {
  it('copies ranges of the source and inserts literal bytes', () => {
    // sizes 43 -> 18; copy offset 4 size 5 ("quick"); insert " cat "; copy offset 35 size 8.
    const delta = Buffer.from([43, 18, 0x91, 4, 5, 5, 0x20, 0x63, 0x61, 0x74, 0x20, 0x91, 35, 8]);
    expect(Buffer.from(applyBinaryDelta(source, delta, 'f.bin')).toString()).toBe('quick cat lazy dog');
  });

  it('reads multi-byte sizes and treats a copy size of 0 as 65536', () => {
    const big = Buffer.alloc(70_000, 7);
    // source 70000 = 0xf0 0xa2 0x04 as varint; target 65536 = 0x80 0x80 0x04; copy offset 0 size 0.
    const delta = Buffer.from([0xf0, 0xa2, 0x04, 0x80, 0x80, 0x04, 0x80]);
    expect(applyBinaryDelta(big, delta, 'big.bin').length).toBe(65_536);
  });

  it.each([
    ['a source of the wrong size', [44, 1, 1, 0x41], 'expects a 44-byte file'],
    ['a copy past the end of the source', [43, 5, 0x91, 40, 5], 'reaches outside'],
    ['the reserved opcode 0', [43, 1, 0], 'reserved opcode'],
    ['an output shorter than promised', [43, 9, 1, 0x41], 'produced 1 of 9 bytes'],
    ['a truncated header', [0x80], 'truncated'],
  ])('refuses %s with PATCH_CONFLICT', (_, bytes, message) => {
    try {
      applyBinaryDelta(source, Buffer.from(bytes as number[]), 'f.bin');
      expect.unreachable();
    } catch (error) {
      expect(isHealingError(error, 'PATCH_CONFLICT')).toBe(true);
      expect((error as Error).message).toContain(message);
    }
  });
});
