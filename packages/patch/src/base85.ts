// git's base85 (base85.c), used by `GIT binary patch`. Hand-written: the npm base85 packages
// implement Ascii85/Z85 alphabets, not git's, and the code is short.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~';
const DECODE = new Int16Array(256).fill(-1);
for (let i = 0; i < ALPHABET.length; i += 1) DECODE[ALPHABET.charCodeAt(i)] = i;
const ENCODE = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));

/**
 * Decodes `length` bytes from the base85 text at bytes[start..] into out[outStart..].
 * Returns false on a character outside the alphabet or a group that overflows 32 bits.
 */
export function decodeBase85(
  bytes: Uint8Array,
  start: number,
  out: Uint8Array,
  outStart: number,
  length: number,
): boolean {
  let src = start;
  let dst = outStart;
  let remaining = length;
  while (remaining > 0) {
    let acc = 0;
    for (let i = 0; i < 4; i += 1) {
      const digit = DECODE[bytes[src] as number] as number;
      src += 1;
      if (digit < 0) return false;
      acc = acc * 85 + digit;
    }
    const last = DECODE[bytes[src] as number] as number;
    src += 1;
    if (last < 0) return false;
    acc = acc * 85 + last;
    if (acc > 0xffffffff) return false;
    const count = Math.min(remaining, 4);
    for (let i = 0; i < count; i += 1) {
      out[dst] = (acc >>> (24 - i * 8)) & 0xff;
      dst += 1;
    }
    remaining -= count;
  }
  return true;
}

/** Encodes bytes as base85 (groups of 4 bytes, zero-padded, to 5 characters). */
export function encodeBase85(data: Uint8Array): Buffer {
  const groups = Math.ceil(data.length / 4);
  const out = Buffer.allocUnsafe(groups * 5);
  let dst = 0;
  for (let src = 0; src < data.length; src += 4) {
    let acc = 0;
    for (let i = 0; i < 4; i += 1) acc = acc * 256 + (data[src + i] ?? 0);
    for (let i = 4; i >= 0; i -= 1) {
      out[dst + i] = ENCODE[acc % 85] as number;
      acc = Math.floor(acc / 85);
    }
    dst += 5;
  }
  return out;
}
