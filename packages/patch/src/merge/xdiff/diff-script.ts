import { histogramDiff } from './histogram-diff.js';

// git 2.39's xdl_change_compact (without the indent heuristic, which merges do not ask for)
// and xdl_build_script.

/** One change: lines [i1, i1 + chg1) of the first file became [i2, i2 + chg2) of the second. */
export interface LineChange {
  readonly i1: number;
  readonly i2: number;
  readonly chg1: number;
  readonly chg2: number;
}

interface Side {
  readonly lines: readonly number[];
  /** Changed flags at index + 1: a zero before the first line and after the last. */
  readonly changed: Uint8Array;
}

interface Group {
  start: number;
  end: number;
}

const isChanged = (side: Side, line: number): boolean => side.changed[line + 1] === 1;
const setChanged = (side: Side, line: number, value: 0 | 1): void => {
  side.changed[line + 1] = value;
};

function firstGroup(side: Side): Group {
  const group = { start: 0, end: 0 };
  while (isChanged(side, group.end)) group.end += 1;
  return group;
}

function nextGroup(side: Side, group: Group): boolean {
  if (group.end === side.lines.length) return false;
  group.start = group.end + 1;
  group.end = group.start;
  while (isChanged(side, group.end)) group.end += 1;
  return true;
}

function previousGroup(side: Side, group: Group): boolean {
  if (group.start === 0) return false;
  group.end = group.start - 1;
  group.start = group.end;
  while (isChanged(side, group.start - 1)) group.start -= 1;
  return true;
}

function slideDown(side: Side, group: Group): boolean {
  if (group.end >= side.lines.length || side.lines[group.start] !== side.lines[group.end]) return false;
  setChanged(side, group.start, 0);
  group.start += 1;
  setChanged(side, group.end, 1);
  group.end += 1;
  while (isChanged(side, group.end)) group.end += 1;
  return true;
}

function slideUp(side: Side, group: Group): boolean {
  if (group.start <= 0 || side.lines[group.start - 1] !== side.lines[group.end - 1]) return false;
  group.start -= 1;
  setChanged(side, group.start, 1);
  group.end -= 1;
  setChanged(side, group.end, 0);
  while (isChanged(side, group.start - 1)) group.start -= 1;
  return true;
}

function broken(where: string): Error {
  return new Error(`line diff: group sync broken ${where}`);
}

/** Slides each group of changed lines as far down as it goes, or up to meet a change on the other side. */
function compact(side: Side, other: Side): void {
  const group = firstGroup(side);
  const otherGroup = firstGroup(other);
  for (;;) {
    if (group.end !== group.start) {
      let size: number;
      let earliestEnd: number;
      let endMatchingOther: number;
      do {
        size = group.end - group.start;
        endMatchingOther = -1;
        while (slideUp(side, group)) if (!previousGroup(other, otherGroup)) throw broken('sliding up');
        earliestEnd = group.end;
        if (otherGroup.end > otherGroup.start) endMatchingOther = group.end;
        while (slideDown(side, group)) {
          if (!nextGroup(other, otherGroup)) throw broken('sliding down');
          if (otherGroup.end > otherGroup.start) endMatchingOther = group.end;
        }
      } while (size !== group.end - group.start);
      if (group.end !== earliestEnd && endMatchingOther !== -1) {
        while (otherGroup.end === otherGroup.start) {
          if (!slideUp(side, group)) throw broken('matching');
          if (!previousGroup(other, otherGroup)) throw broken('sliding to match');
        }
      }
    }
    if (!nextGroup(side, group)) break;
    if (!nextGroup(other, otherGroup)) throw broken('moving to the next group');
  }
}

function withSentinels(changed: Uint8Array): Uint8Array {
  const padded = new Uint8Array(changed.length + 2);
  padded.set(changed, 1);
  return padded;
}

/** The edit script from `lines1` to `lines2` (equal numbers are equal lines) as git merges see it. */
export function diffScript(lines1: readonly number[], lines2: readonly number[]): LineChange[] {
  const [changed1, changed2] = histogramDiff(lines1, lines2);
  const side1: Side = { lines: lines1, changed: withSentinels(changed1) };
  const side2: Side = { lines: lines2, changed: withSentinels(changed2) };
  compact(side1, side2);
  compact(side2, side1);
  const script: LineChange[] = [];
  let i1 = lines1.length;
  let i2 = lines2.length;
  while (i1 >= 0 || i2 >= 0) {
    if (isChanged(side1, i1 - 1) || isChanged(side2, i2 - 1)) {
      const last1 = i1;
      const last2 = i2;
      while (isChanged(side1, i1 - 1)) i1 -= 1;
      while (isChanged(side2, i2 - 1)) i2 -= 1;
      script.push({ i1, i2, chg1: last1 - i1, chg2: last2 - i2 });
    }
    i1 -= 1;
    i2 -= 1;
  }
  return script.reverse();
}
