import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBase85, encodeBase85 } from './base85.js';

describe('git base85', () => {
  it('decodes and re-encodes what git writes (a real GIT binary patch line)', () => {
    // git diff --binary of the bytes 00 01 02 writes the line "KcmZQzWC8#H2LJ>B": 11 bytes of zlib.
    const text = Buffer.from('cmZQzWC8#H2LJ>B');
    const zlib = new Uint8Array(11);
    expect(decodeBase85(text, 0, zlib, 0, 11)).toBe(true);
    expect([...inflateSync(zlib)]).toEqual([0, 1, 2]);
    expect(encodeBase85(zlib).toString()).toBe('cmZQzWC8#H2LJ>B');
  });

  it('round-trips every length, including partial last groups', () => {
    for (let length = 0; length <= 13; length += 1) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 37 + 250) % 256);
      const encoded = encodeBase85(data);
      const decoded = new Uint8Array(length);
      expect(decodeBase85(encoded, 0, decoded, 0, length)).toBe(true);
      expect([...decoded]).toEqual([...data]);
    }
  });

  it('rejects characters outside the alphabet and groups that overflow 32 bits', () => {
    const out = new Uint8Array(4);
    expect(decodeBase85(Buffer.from('abc"e'), 0, out, 0, 4)).toBe(false);
    expect(decodeBase85(Buffer.from('~~~~~'), 0, out, 0, 4)).toBe(false);
  });
});
