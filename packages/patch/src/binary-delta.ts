import { PatchError } from '@healing/adapters';

// git's pack delta format (patch-delta.c): a header with source and target sizes, then
// copy (from the source) and insert (literal bytes) opcodes. No maintained npm library
// implements git's variant, so it is written out here.

function readSize(delta: Uint8Array, start: number): { value: number; next: number } | null {
  let value = 0;
  let shift = 0;
  let i = start;
  for (;;) {
    const byte = delta[i];
    if (byte === undefined || shift > 49) return null;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    i += 1;
    if (!(byte & 0x80)) return { value, next: i };
  }
}

function corrupt(path: string, why: string): PatchError {
  return new PatchError('PATCH_CONFLICT', `binary patch does not apply to ${path}: ${why}`, {
    details: { path },
  });
}

/** Applies a git delta to `source`; throws PATCH_CONFLICT when it does not fit. */
export function applyBinaryDelta(source: Uint8Array, delta: Uint8Array, path: string): Uint8Array {
  const sourceSize = readSize(delta, 0);
  if (!sourceSize) throw corrupt(path, 'the delta header is truncated');
  if (sourceSize.value !== source.length) {
    throw corrupt(path, `the delta expects a ${sourceSize.value}-byte file, found ${source.length} bytes`);
  }
  const targetSize = readSize(delta, sourceSize.next);
  if (!targetSize) throw corrupt(path, 'the delta header is truncated');
  const out = new Uint8Array(targetSize.value);
  let written = 0;
  let i = targetSize.next;
  while (i < delta.length) {
    const op = delta[i] as number;
    i += 1;
    if (op & 0x80) {
      let offset = 0;
      let size = 0;
      for (let bit = 0; bit < 4; bit += 1) {
        if (op & (1 << bit)) {
          offset += (delta[i] ?? 0) * 2 ** (8 * bit);
          i += 1;
        }
      }
      for (let bit = 0; bit < 3; bit += 1) {
        if (op & (0x10 << bit)) {
          size += (delta[i] ?? 0) << (8 * bit);
          i += 1;
        }
      }
      if (size === 0) size = 0x10000;
      if (i > delta.length || offset + size > source.length || written + size > out.length) {
        throw corrupt(path, 'a copy instruction reaches outside the file');
      }
      out.set(source.subarray(offset, offset + size), written);
      written += size;
    } else if (op > 0) {
      if (i + op > delta.length || written + op > out.length) {
        throw corrupt(path, 'an insert instruction runs past the end of the delta');
      }
      out.set(delta.subarray(i, i + op), written);
      written += op;
      i += op;
    } else {
      throw corrupt(path, 'the delta holds the reserved opcode 0');
    }
  }
  if (written !== out.length) throw corrupt(path, `the delta produced ${written} of ${out.length} bytes`);
  return out;
}
