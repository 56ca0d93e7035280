// git 2.39's classic xdiff (xprepare.c, xdiffi.c), which its histogram diff falls back to.

const MAX_EQLIMIT = 1024;
const SIMSCAN_WINDOW = 100;
const KPDIS_RUN = 4;
const MAX_COST_MIN = 256;
const HEUR_MIN_COST = 256;
const SNAKE_CNT = 20;
const K_HEUR = 4;
const LINE_MAX = 0x7fffffff;

/** xdl_bogosqrt: an integer square root approximation by shifts. */
export function bogoSqrt(n: number): number {
  let root = 1;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 4)) root *= 2;
  return root;
}

interface Split {
  i1: number;
  i2: number;
  minLow: boolean;
  minHigh: boolean;
}

interface Search {
  readonly ha1: readonly number[];
  readonly ha2: readonly number[];
  readonly forward: Int32Array;
  readonly backward: Int32Array;
  /** Offset of diagonal 0 in the two arrays (diagonals go negative). */
  readonly zero: number;
  readonly maxCost: number;
}

/** xdl_clean_mmatch: discard a line with many matches only inside a run of unmatched lines. */
function isDiscardableMultimatch(dis: Uint8Array, i: number, start: number, end: number): boolean {
  const s = i - start > SIMSCAN_WINDOW ? i - SIMSCAN_WINDOW : start;
  const e = end - i > SIMSCAN_WINDOW ? i + SIMSCAN_WINDOW : end;
  let before = 0;
  let multiBefore = 1;
  for (let r = 1; i - r >= s; r += 1) {
    const value = dis[i - r];
    if (value === 0) before += 1;
    else if (value === 2) multiBefore += 1;
    else break;
  }
  if (before === 0) return false;
  let after = 0;
  let multiAfter = 1;
  for (let r = 1; i + r <= e; r += 1) {
    const value = dis[i + r];
    if (value === 0) after += 1;
    else if (value === 2) multiAfter += 1;
    else break;
  }
  if (after === 0) return false;
  const multi = multiAfter + multiBefore;
  return multi * KPDIS_RUN < multi + after + before;
}

/** xdl_split: the middle snake of the box, with xdiff's cost heuristics. */
function split(
  search: Search,
  off1: number,
  lim1: number,
  off2: number,
  lim2: number,
  needMin: boolean,
): Split {
  const { ha1, ha2, zero } = search;
  const kf = search.forward;
  const kb = search.backward;
  const dmin = off1 - lim2;
  const dmax = lim1 - off2;
  const fmid = off1 - off2;
  const bmid = lim1 - lim2;
  const odd = ((fmid - bmid) & 1) === 1;
  let fmin = fmid;
  let fmax = fmid;
  let bmin = bmid;
  let bmax = bmid;
  kf[zero + fmid] = off1;
  kb[zero + bmid] = lim1;
  for (let ec = 1; ; ec += 1) {
    let gotSnake = false;
    if (fmin > dmin) kf[zero + --fmin - 1] = -1;
    else fmin += 1;
    if (fmax < dmax) kf[zero + ++fmax + 1] = -1;
    else fmax -= 1;
    for (let d = fmax; d >= fmin; d -= 2) {
      let i1 =
        (kf[zero + d - 1] as number) >= (kf[zero + d + 1] as number)
          ? (kf[zero + d - 1] as number) + 1
          : (kf[zero + d + 1] as number);
      const prev1 = i1;
      let i2 = i1 - d;
      while (i1 < lim1 && i2 < lim2 && ha1[i1] === ha2[i2]) {
        i1 += 1;
        i2 += 1;
      }
      if (i1 - prev1 > SNAKE_CNT) gotSnake = true;
      kf[zero + d] = i1;
      if (odd && bmin <= d && d <= bmax && (kb[zero + d] as number) <= i1)
        return { i1, i2, minLow: true, minHigh: true };
    }
    if (bmin > dmin) kb[zero + --bmin - 1] = LINE_MAX;
    else bmin += 1;
    if (bmax < dmax) kb[zero + ++bmax + 1] = LINE_MAX;
    else bmax -= 1;
    for (let d = bmax; d >= bmin; d -= 2) {
      let i1 =
        (kb[zero + d - 1] as number) < (kb[zero + d + 1] as number)
          ? (kb[zero + d - 1] as number)
          : (kb[zero + d + 1] as number) - 1;
      const prev1 = i1;
      let i2 = i1 - d;
      while (i1 > off1 && i2 > off2 && ha1[i1 - 1] === ha2[i2 - 1]) {
        i1 -= 1;
        i2 -= 1;
      }
      if (prev1 - i1 > SNAKE_CNT) gotSnake = true;
      kb[zero + d] = i1;
      if (!odd && fmin <= d && d <= fmax && i1 <= (kf[zero + d] as number))
        return { i1, i2, minLow: true, minHigh: true };
    }
    if (needMin) continue;
    if (gotSnake && ec > HEUR_MIN_COST) {
      let best = 0;
      const found: Split = { i1: 0, i2: 0, minLow: true, minHigh: false };
      for (let d = fmax; d >= fmin; d -= 2) {
        const dd = d > fmid ? d - fmid : fmid - d;
        const i1 = kf[zero + d] as number;
        const i2 = i1 - d;
        const v = i1 - off1 + (i2 - off2) - dd;
        if (
          v > K_HEUR * ec &&
          v > best &&
          off1 + SNAKE_CNT <= i1 &&
          i1 < lim1 &&
          off2 + SNAKE_CNT <= i2 &&
          i2 < lim2
        ) {
          for (let k = 1; ha1[i1 - k] === ha2[i2 - k]; k += 1) {
            if (k === SNAKE_CNT) {
              best = v;
              found.i1 = i1;
              found.i2 = i2;
              break;
            }
          }
        }
      }
      if (best > 0) return found;
      best = 0;
      const foundBack: Split = { i1: 0, i2: 0, minLow: false, minHigh: true };
      for (let d = bmax; d >= bmin; d -= 2) {
        const dd = d > bmid ? d - bmid : bmid - d;
        const i1 = kb[zero + d] as number;
        const i2 = i1 - d;
        const v = lim1 - i1 + (lim2 - i2) - dd;
        if (
          v > K_HEUR * ec &&
          v > best &&
          off1 < i1 &&
          i1 <= lim1 - SNAKE_CNT &&
          off2 < i2 &&
          i2 <= lim2 - SNAKE_CNT
        ) {
          for (let k = 0; ha1[i1 + k] === ha2[i2 + k]; k += 1) {
            if (k === SNAKE_CNT - 1) {
              best = v;
              foundBack.i1 = i1;
              foundBack.i2 = i2;
              break;
            }
          }
        }
      }
      if (best > 0) return foundBack;
    }
    if (ec >= search.maxCost) {
      let fbest = -1;
      let fbest1 = -1;
      for (let d = fmax; d >= fmin; d -= 2) {
        let i1 = Math.min(kf[zero + d] as number, lim1);
        let i2 = i1 - d;
        if (lim2 < i2) {
          i1 = lim2 + d;
          i2 = lim2;
        }
        if (fbest < i1 + i2) {
          fbest = i1 + i2;
          fbest1 = i1;
        }
      }
      let bbest = LINE_MAX;
      let bbest1 = LINE_MAX;
      for (let d = bmax; d >= bmin; d -= 2) {
        let i1 = Math.max(off1, kb[zero + d] as number);
        let i2 = i1 - d;
        if (i2 < off2) {
          i1 = off2 + d;
          i2 = off2;
        }
        if (i1 + i2 < bbest) {
          bbest = i1 + i2;
          bbest1 = i1;
        }
      }
      if (lim1 + lim2 - bbest < fbest - (off1 + off2))
        return { i1: fbest1, i2: fbest - fbest1, minLow: true, minHigh: false };
      return { i1: bbest1, i2: bbest - bbest1, minLow: false, minHigh: true };
    }
  }
}

/**
 * git's classic diff of two line sequences (equal numbers are equal lines): `changed1[i]`
 * and `changed2[j]` are set for the lines that are not part of the common subsequence.
 * Ends trimmed, unmatched lines discarded up front, then Myers' divide and conquer with
 * xdiff's heuristics, exactly as xdl_do_diff without XDF_NEED_MINIMAL.
 */
export function myersDiff(lines1: readonly number[], lines2: readonly number[]): [Uint8Array, Uint8Array] {
  const n1 = lines1.length;
  const n2 = lines2.length;
  const changed1 = new Uint8Array(n1);
  const changed2 = new Uint8Array(n2);
  // xdl_trim_ends
  const shorter = Math.min(n1, n2);
  let start = 0;
  while (start < shorter && lines1[start] === lines2[start]) start += 1;
  let tail = 0;
  while (tail < shorter - start && lines1[n1 - 1 - tail] === lines2[n2 - 1 - tail]) tail += 1;
  const end1 = n1 - tail - 1;
  const end2 = n2 - tail - 1;
  // xdl_cleanup_records: occurrence counts over the whole other file.
  const count1 = new Map<number, number>();
  const count2 = new Map<number, number>();
  for (const line of lines1) count1.set(line, (count1.get(line) ?? 0) + 1);
  for (const line of lines2) count2.set(line, (count2.get(line) ?? 0) + 1);
  const reduce = (lines: readonly number[], end: number, other: Map<number, number>, changed: Uint8Array) => {
    const limit = Math.min(bogoSqrt(lines.length), MAX_EQLIMIT);
    const dis = new Uint8Array(lines.length + 1);
    for (let i = start; i <= end; i += 1) {
      const matches = other.get(lines[i] as number) ?? 0;
      dis[i] = matches === 0 ? 0 : matches >= limit ? 2 : 1;
    }
    const index: number[] = [];
    const ha: number[] = [];
    for (let i = start; i <= end; i += 1) {
      if (dis[i] === 1 || (dis[i] === 2 && !isDiscardableMultimatch(dis, i, start, end))) {
        index.push(i);
        ha.push(lines[i] as number);
      } else changed[i] = 1;
    }
    return { index, ha };
  };
  const reduced1 = reduce(lines1, end1, count2, changed1);
  const reduced2 = reduce(lines2, end2, count1, changed2);
  const diagonals = reduced1.ha.length + reduced2.ha.length + 3;
  const search: Search = {
    ha1: reduced1.ha,
    ha2: reduced2.ha,
    forward: new Int32Array(diagonals + 2),
    backward: new Int32Array(diagonals + 2),
    zero: reduced2.ha.length + 1,
    maxCost: Math.max(bogoSqrt(diagonals), MAX_COST_MIN),
  };
  // xdl_recs_cmp, with an explicit stack instead of recursion.
  const boxes: Array<[number, number, number, number, boolean]> = [
    [0, reduced1.ha.length, 0, reduced2.ha.length, false],
  ];
  while (boxes.length > 0) {
    let [off1, lim1, off2, lim2, needMin] = boxes.pop() as [number, number, number, number, boolean];
    while (off1 < lim1 && off2 < lim2 && search.ha1[off1] === search.ha2[off2]) {
      off1 += 1;
      off2 += 1;
    }
    while (off1 < lim1 && off2 < lim2 && search.ha1[lim1 - 1] === search.ha2[lim2 - 1]) {
      lim1 -= 1;
      lim2 -= 1;
    }
    if (off1 === lim1) {
      for (let j = off2; j < lim2; j += 1) changed2[reduced2.index[j] as number] = 1;
    } else if (off2 === lim2) {
      for (let i = off1; i < lim1; i += 1) changed1[reduced1.index[i] as number] = 1;
    } else {
      const middle = split(search, off1, lim1, off2, lim2, needMin);
      boxes.push([middle.i1, lim1, middle.i2, lim2, middle.minHigh]);
      boxes.push([off1, middle.i1, off2, middle.i2, middle.minLow]);
    }
  }
  return [changed1, changed2];
}
