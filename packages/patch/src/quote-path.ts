// git's C-style path quoting (quote.c): hand-written because it is a dozen lines and no
// maintained library matches git's exact escape set.
const ESCAPES: Readonly<Record<number, number>> = {
  97: 0x07, // a
  98: 0x08, // b
  102: 0x0c, // f
  110: 0x0a, // n
  114: 0x0d, // r
  116: 0x09, // t
  118: 0x0b, // v
  92: 0x5c, // backslash
  34: 0x22, // double quote
};

const QUOTED: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  34: '\\"',
  92: '\\\\',
};

/**
 * Reads a C-quoted name starting at `start` (which holds the opening quote) up to `end`.
 * Returns the unquoted bytes and the index just past the closing quote, or null when the
 * quoting is malformed.
 */
export function unquoteCStyle(
  bytes: Uint8Array,
  start: number,
  end: number,
): { value: Uint8Array; next: number } | null {
  if (bytes[start] !== 0x22) return null;
  const out: number[] = [];
  let i = start + 1;
  while (i < end) {
    const c = bytes[i] as number;
    if (c === 0x22) return { value: Uint8Array.from(out), next: i + 1 };
    if (c === 0x0a) return null;
    if (c !== 0x5c) {
      out.push(c);
      i += 1;
      continue;
    }
    const e = bytes[i + 1];
    if (e === undefined || i + 1 >= end) return null;
    const mapped = ESCAPES[e];
    if (mapped !== undefined) {
      out.push(mapped);
      i += 2;
      continue;
    }
    if (e >= 0x30 && e <= 0x33) {
      const d2 = bytes[i + 2];
      const d3 = bytes[i + 3];
      if (d2 === undefined || d3 === undefined || d2 < 0x30 || d2 > 0x37 || d3 < 0x30 || d3 > 0x37)
        return null;
      out.push(((e - 0x30) << 6) | ((d2 - 0x30) << 3) | (d3 - 0x30));
      i += 4;
      continue;
    }
    return null;
  }
  return null;
}

/** True when git (core.quotePath on) would quote this name. */
function needsQuoting(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b < 0x20 || b >= 0x7f || b === 0x22 || b === 0x5c) return true;
  return false;
}

/** Quotes a name the way git prints it in diff headers: as is when plain, else "C-quoted". */
export function quoteCStyle(name: string): string {
  const bytes = Buffer.from(name, 'utf8');
  if (!needsQuoting(bytes)) return name;
  let out = '"';
  for (const b of bytes) {
    const escaped = QUOTED[b];
    if (escaped !== undefined) out += escaped;
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out}"`;
}
