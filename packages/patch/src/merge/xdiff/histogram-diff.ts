import { myersDiff } from './myers-diff.js';

// git 2.39's xhistogram.c, the line diff merge-ort uses for every content merge.
const MAX_CHAIN_LENGTH = 64;

interface Region {
  begin1: number;
  end1: number;
  begin2: number;
  end2: number;
}

interface Occurrences {
  /** The lowest line of A (1-based) with this content; later ones chain through `next`. */
  ptr: number;
  count: number;
}

interface Index {
  readonly records: Map<number, Occurrences>;
  /** For each line of A (from line1): the record of its content, and the next line with it. */
  readonly lineRecord: Occurrences[];
  readonly next: Int32Array;
  readonly line1: number;
  count: number;
  hasCommon: boolean;
}

/** Lines are 1-based as in xhistogram.c; `a(i)` is line i of A. */
interface Sides {
  readonly a: readonly number[];
  readonly b: readonly number[];
  readonly changed1: Uint8Array;
  readonly changed2: Uint8Array;
}

function scanA(sides: Sides, line1: number, count1: number): Index {
  const index: Index = {
    records: new Map(),
    lineRecord: new Array(count1),
    next: new Int32Array(count1),
    line1,
    count: MAX_CHAIN_LENGTH + 1,
    hasCommon: false,
  };
  for (let ptr = line1 + count1 - 1; ptr >= line1; ptr -= 1) {
    const content = sides.a[ptr - 1] as number;
    let record = index.records.get(content);
    if (record) {
      index.next[ptr - line1] = record.ptr;
      record.ptr = ptr;
      record.count += 1;
    } else {
      record = { ptr, count: 1 };
      index.records.set(content, record);
    }
    index.lineRecord[ptr - line1] = record;
  }
  return index;
}

function tryLcs(
  sides: Sides,
  index: Index,
  lcs: Region,
  bPtr: number,
  line1: number,
  count1: number,
  line2: number,
  count2: number,
): number {
  const { a, b } = sides;
  const end1 = line1 + count1 - 1;
  const end2 = line2 + count2 - 1;
  const countAt = (ptr: number) => (index.lineRecord[ptr - line1] as Occurrences).count;
  const nextOf = (ptr: number) => index.next[ptr - line1] as number;
  let bNext = bPtr + 1;
  const record = index.records.get(b[bPtr - 1] as number);
  if (record === undefined) return bNext;
  if (record.count > index.count) {
    index.hasCommon = true;
    return bNext;
  }
  let as = record.ptr;
  index.hasCommon = true;
  for (;;) {
    let np = nextOf(as);
    let bs = bPtr;
    let ae = as;
    let be = bs;
    let rc = record.count;
    while (line1 < as && line2 < bs && a[as - 2] === b[bs - 2]) {
      as -= 1;
      bs -= 1;
      if (1 < rc) rc = Math.min(rc, countAt(as));
    }
    while (ae < end1 && be < end2 && a[ae] === b[be]) {
      ae += 1;
      be += 1;
      if (1 < rc) rc = Math.min(rc, countAt(ae));
    }
    if (bNext <= be) bNext = be + 1;
    if (lcs.end1 - lcs.begin1 < ae - as || rc < index.count) {
      lcs.begin1 = as;
      lcs.begin2 = bs;
      lcs.end1 = ae;
      lcs.end2 = be;
      index.count = rc;
    }
    if (np === 0) break;
    while (np <= ae) {
      np = nextOf(np);
      if (np === 0) return bNext;
    }
    as = np;
  }
  return bNext;
}

/** find_lcs: true when the region should fall back to the classic diff. */
function findLcs(
  sides: Sides,
  lcs: Region,
  line1: number,
  count1: number,
  line2: number,
  count2: number,
): boolean {
  const index = scanA(sides, line1, count1);
  for (let bPtr = line2; bPtr <= line2 + count2 - 1; )
    bPtr = tryLcs(sides, index, lcs, bPtr, line1, count1, line2, count2);
  return index.hasCommon && MAX_CHAIN_LENGTH < index.count;
}

function markChanged(changed: Uint8Array, line: number, count: number): void {
  for (let i = 0; i < count; i += 1) changed[line - 1 + i] = 1;
}

/** One region of histogram_diff; the regions left and right of a common run are independent. */
function histogramRegion(
  sides: Sides,
  line1: number,
  count1: number,
  line2: number,
  count2: number,
): Region[] {
  if (count1 <= 0 && count2 <= 0) return [];
  if (count1 === 0) {
    markChanged(sides.changed2, line2, count2);
    return [];
  }
  if (count2 === 0) {
    markChanged(sides.changed1, line1, count1);
    return [];
  }
  const lcs: Region = { begin1: 0, end1: 0, begin2: 0, end2: 0 };
  if (findLcs(sides, lcs, line1, count1, line2, count2)) {
    // xdl_fall_back_diff: the classic diff of just this region, as its own two files.
    const [sub1, sub2] = myersDiff(
      sides.a.slice(line1 - 1, line1 - 1 + count1),
      sides.b.slice(line2 - 1, line2 - 1 + count2),
    );
    sides.changed1.set(sub1, line1 - 1);
    sides.changed2.set(sub2, line2 - 1);
    return [];
  }
  if (lcs.begin1 === 0 && lcs.begin2 === 0) {
    markChanged(sides.changed1, line1, count1);
    markChanged(sides.changed2, line2, count2);
    return [];
  }
  // Regions as (first line, last line) pairs: before the common run, and after it.
  return [
    { begin1: line1, end1: lcs.begin1 - 1, begin2: line2, end2: lcs.begin2 - 1 },
    { begin1: lcs.end1 + 1, end1: line1 + count1 - 1, begin2: lcs.end2 + 1, end2: line2 + count2 - 1 },
  ];
}

/**
 * git's histogram diff of two line sequences (equal numbers are equal lines): the lines of
 * each side that are not common, before compaction. A port of xhistogram.c (git 2.39), whose
 * choice of common lines decides where a merge sees changes touch.
 */
export function histogramDiff(a: readonly number[], b: readonly number[]): [Uint8Array, Uint8Array] {
  const sides: Sides = { a, b, changed1: new Uint8Array(a.length), changed2: new Uint8Array(b.length) };
  // An explicit stack instead of xhistogram.c's recursion: deep histories of anchors must not overflow.
  const pending: Region[] = [{ begin1: 1, end1: a.length, begin2: 1, end2: b.length }];
  for (let region = pending.pop(); region !== undefined; region = pending.pop()) {
    const { begin1, end1, begin2, end2 } = region;
    pending.push(...histogramRegion(sides, begin1, end1 - begin1 + 1, begin2, end2 - begin2 + 1));
  }
  return [sides.changed1, sides.changed2];
}
