import { unquoteCStyle } from './quote-path.js';

// Name parsing follows git's apply.c (skip_tree_prefix, find_name, git_header_name) so that
// every header git writes, quoted or not, yields the same names git would read.

const SPACE = 0x20;
const TAB = 0x09;

function isSpace(byte: number | undefined): boolean {
  return byte === SPACE || byte === TAB || byte === 0x0a || byte === 0x0b || byte === 0x0c || byte === 0x0d;
}

/** Index just past `pValue` leading components ("a/"), or -1 when there are not enough. */
export function skipTreePrefix(bytes: Uint8Array, start: number, end: number, pValue: number): number {
  if (pValue === 0) return end > start && bytes[start] === 0x2f ? -1 : start;
  let slashes = pValue;
  for (let i = start; i < end; i += 1) {
    if (bytes[i] === 0x2f) {
      slashes -= 1;
      if (slashes <= 0) return i === start ? -1 : i + 1;
    }
  }
  return -1;
}

/** How a name in a header line ends: at a tab (---/+++ lines) or only at the end of the line. */
export type NameTerminator = 'tab' | 'line';

/** git's find_name: a quoted or plain name with `pValue` components stripped; null when absent. */
export function findName(
  bytes: Uint8Array,
  start: number,
  end: number,
  pValue: number,
  terminator: NameTerminator,
): Uint8Array | null {
  if (bytes[start] === 0x22) {
    const unquoted = unquoteCStyle(bytes, start, end);
    if (!unquoted) return null;
    const from = skipTreePrefix(unquoted.value, 0, unquoted.value.length, pValue);
    return from < 0 ? null : unquoted.value.subarray(from);
  }
  let nameStart = pValue === 0 ? start : -1;
  let remaining = pValue;
  let i = start;
  for (; i < end; i += 1) {
    const c = bytes[i];
    if (isSpace(c) && !(c === SPACE || (c === TAB && terminator === 'line'))) break;
    if (c === 0x2f && remaining > 0) {
      remaining -= 1;
      if (remaining === 0) nameStart = i + 1;
    }
  }
  if (nameStart < 0 || i === nameStart) return null;
  return bytes.subarray(nameStart, i);
}

/** git's is_dev_null: "/dev/null" followed by whitespace or the end of the line. */
export function isDevNull(bytes: Uint8Array, start: number, end: number): boolean {
  const text = '/dev/null';
  if (end - start < text.length) return false;
  for (let i = 0; i < text.length; i += 1) if (bytes[start + i] !== text.charCodeAt(i)) return false;
  return start + text.length === end || isSpace(bytes[start + text.length]);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/**
 * git's git_header_name: the name in `diff --git a/NAME b/NAME` when both halves agree (so
 * names with spaces work); null when they differ (renames carry their names elsewhere).
 */
export function gitHeaderName(
  bytes: Uint8Array,
  start: number,
  end: number,
  pValue: number,
): Uint8Array | null {
  if (bytes[start] === 0x22) {
    const first = unquoteCStyle(bytes, start, end);
    if (!first) return null;
    const firstFrom = skipTreePrefix(first.value, 0, first.value.length, pValue);
    if (firstFrom < 0) return null;
    const firstName = first.value.subarray(firstFrom);
    let second = first.next;
    while (second < end && isSpace(bytes[second])) second += 1;
    if (second >= end) return null;
    if (bytes[second] === 0x22) {
      const other = unquoteCStyle(bytes, second, end);
      if (!other) return null;
      const otherFrom = skipTreePrefix(other.value, 0, other.value.length, pValue);
      if (otherFrom < 0) return null;
      return equalBytes(other.value.subarray(otherFrom), firstName) ? firstName : null;
    }
    const otherFrom = skipTreePrefix(bytes, second, end, pValue);
    if (otherFrom < 0) return null;
    return equalBytes(bytes.subarray(otherFrom, end), firstName) ? firstName : null;
  }
  const name = skipTreePrefix(bytes, start, end, pValue);
  if (name < 0) return null;
  // The first name is plain, so a quote can only open the second one.
  for (let second = name; second < end; second += 1) {
    if (bytes[second] !== 0x22) continue;
    const other = unquoteCStyle(bytes, second, end);
    if (!other) return null;
    const otherFrom = skipTreePrefix(other.value, 0, other.value.length, pValue);
    if (otherFrom < 0) return null;
    const candidate = other.value.subarray(otherFrom);
    const length = candidate.length;
    if (length < second - name && equalBytes(bytes.subarray(name, name + length), candidate)) {
      if (isSpace(bytes[name + length])) return candidate;
    }
    return null;
  }
  // Plain names: accept one only if it shows up twice, in exactly the same form.
  for (let length = 0; name + length < end; length += 1) {
    const c = bytes[name + length];
    if (c !== SPACE && c !== TAB) continue;
    if (name + length + 1 >= end) return null;
    const other = skipTreePrefix(bytes, name + length + 1, end, pValue);
    if (other < 0) return null;
    if (
      end - other === length &&
      equalBytes(bytes.subarray(name, name + length), bytes.subarray(other, end))
    ) {
      return bytes.subarray(name, name + length);
    }
  }
  return null;
}

/** A traditional (non-git) diff's name: quoted, or up to a tab (a timestamp may follow). */
export function findTraditionalName(
  bytes: Uint8Array,
  start: number,
  end: number,
  pValue: number,
): Uint8Array | null {
  if (bytes[start] === 0x22) return findName(bytes, start, end, pValue, 'tab');
  let stop = start;
  while (stop < end && bytes[stop] !== TAB) stop += 1;
  while (stop > start && isSpace(bytes[stop - 1])) stop -= 1;
  return findName(bytes, start, stop, pValue, 'line');
}
