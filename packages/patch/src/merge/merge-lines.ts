import { splitLines } from '../apply-hunks.js';
import { diffScript, type LineChange } from './xdiff/diff-script.js';

export type LineMergeResult =
  | { readonly hasConflicts: false; readonly content: Uint8Array }
  | { readonly hasConflicts: true };

/** A region of the merge: 1 takes ours, 2 takes theirs, 0 conflicts (xmerge.c's xdmerge_t). */
interface Region {
  mode: 0 | 1 | 2;
  i0: number;
  chg0: number;
  i1: number;
  chg1: number;
  i2: number;
  chg2: number;
}

/** xdl_append_merge: a region touching the previous one joins it, and mixed sides conflict. */
function append(regions: Region[], region: Region): void {
  const last = regions[regions.length - 1];
  if (last && (region.i1 <= last.i1 + last.chg1 || region.i2 <= last.i2 + last.chg2)) {
    if (region.mode !== last.mode) last.mode = 0;
    last.chg0 = region.i0 + region.chg0 - last.i0;
    last.chg1 = region.i1 + region.chg1 - last.i1;
    last.chg2 = region.i2 + region.chg2 - last.i2;
    return;
  }
  regions.push(region);
}

const sameLines = (a: readonly number[], from: number, b: readonly number[], to: number, count: number) => {
  for (let i = 0; i < count; i += 1) if (a[from + i] !== b[to + i]) return false;
  return true;
};

/** xdl_do_merge: walks both edit scripts; changes that overlap or touch form one region. */
function mergeRegions(
  ours: readonly number[],
  theirs: readonly number[],
  script1: LineChange[],
  script2: LineChange[],
  base: number,
): Region[] {
  const regions: Region[] = [];
  let x1 = 0;
  let x2 = 0;
  while (x1 < script1.length && x2 < script2.length) {
    const c1 = script1[x1] as LineChange;
    const c2 = script2[x2] as LineChange;
    if (c1.i1 + c1.chg1 < c2.i1) {
      append(regions, {
        mode: 1,
        i0: c1.i1,
        chg0: c1.chg1,
        i1: c1.i2,
        chg1: c1.chg2,
        i2: c2.i2 - c2.i1 + c1.i1,
        chg2: c1.chg1,
      });
      x1 += 1;
      continue;
    }
    if (c2.i1 + c2.chg1 < c1.i1) {
      append(regions, {
        mode: 2,
        i0: c2.i1,
        chg0: c2.chg1,
        i1: c1.i2 - c1.i1 + c2.i1,
        chg1: c2.chg1,
        i2: c2.i2,
        chg2: c2.chg2,
      });
      x2 += 1;
      continue;
    }
    const isSameChange =
      c1.i1 === c2.i1 &&
      c1.chg1 === c2.chg1 &&
      c1.chg2 === c2.chg2 &&
      sameLines(ours, c1.i2, theirs, c2.i2, c1.chg2);
    if (!isSameChange) {
      const off = c1.i1 - c2.i1;
      const ffo = off + c1.chg1 - c2.chg1;
      let i0 = c1.i1;
      let i1 = c1.i2;
      let i2 = c2.i2;
      if (off > 0) {
        i0 -= off;
        i1 -= off;
      } else i2 += off;
      let chg0 = c1.i1 + c1.chg1 - i0;
      let chg1 = c1.i2 + c1.chg2 - i1;
      let chg2 = c2.i2 + c2.chg2 - i2;
      if (ffo < 0) {
        chg0 -= ffo;
        chg1 -= ffo;
      } else chg2 += ffo;
      append(regions, { mode: 0, i0, chg0, i1, chg1, i2, chg2 });
    }
    const end1 = c1.i1 + c1.chg1;
    const end2 = c2.i1 + c2.chg1;
    if (end1 >= end2) x2 += 1;
    if (end2 >= end1) x1 += 1;
  }
  for (; x1 < script1.length; x1 += 1) {
    const c1 = script1[x1] as LineChange;
    append(regions, {
      mode: 1,
      i0: c1.i1,
      chg0: c1.chg1,
      i1: c1.i2,
      chg1: c1.chg2,
      i2: c1.i1 + theirs.length - base,
      chg2: c1.chg1,
    });
  }
  for (; x2 < script2.length; x2 += 1) {
    const c2 = script2[x2] as LineChange;
    append(regions, {
      mode: 2,
      i0: c2.i1,
      chg0: c2.chg1,
      i1: c2.i1 + ours.length - base,
      chg1: c2.chg1,
      i2: c2.i2,
      chg2: c2.chg2,
    });
  }
  return regions;
}

/**
 * A three-way merge of text by lines, as git 2.39's merge-ort merges file contents
 * (xdl_merge at XDL_MERGE_ZEALOUS over histogram diffs). Lines keep their "\n", so a
 * missing final newline changes the last line. Changes that overlap or touch (no unchanged
 * line between them) conflict, unless both sides made them alike.
 */
export function mergeLines(base: Uint8Array, ours: Uint8Array, theirs: Uint8Array): LineMergeResult {
  const texts = [base, ours, theirs].map(splitLines);
  const ids = new Map<string, number>();
  const [baseIds, oursIds, theirsIds] = texts.map((lines) =>
    lines.map((line) => {
      const key = line.toString('latin1');
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      return id;
    }),
  ) as [number[], number[], number[]];
  const script1 = diffScript(baseIds, oursIds);
  const script2 = diffScript(baseIds, theirsIds);
  if (script1.length === 0) return { hasConflicts: false, content: theirs };
  if (script2.length === 0) return { hasConflicts: false, content: ours };
  const regions = mergeRegions(oursIds, theirsIds, script1, script2, baseIds.length);
  const oursLines = texts[1] as Buffer[];
  const theirsLines = texts[2] as Buffer[];
  const merged: Buffer[] = [];
  let next = 0;
  for (const region of regions) {
    if (region.mode === 0) {
      // XDL_MERGE_ZEALOUS refines a conflict by diffing the two sides: identical sides resolve.
      const resolved =
        region.chg1 > 0 &&
        region.chg2 > 0 &&
        region.chg1 === region.chg2 &&
        sameLines(oursIds, region.i1, theirsIds, region.i2, region.chg1);
      if (!resolved) return { hasConflicts: true };
      continue;
    }
    merged.push(...oursLines.slice(next, region.i1));
    if (region.mode === 1) merged.push(...oursLines.slice(region.i1, region.i1 + region.chg1));
    else merged.push(...theirsLines.slice(region.i2, region.i2 + region.chg2));
    next = region.i1 + region.chg1;
  }
  merged.push(...oursLines.slice(next));
  return { hasConflicts: false, content: Buffer.concat(merged) };
}
