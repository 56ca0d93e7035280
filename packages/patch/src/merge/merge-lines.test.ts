import { describe, expect, it } from 'vitest';
import { mergeLines } from './merge-lines.js';

const merge = (base: string, ours: string, theirs: string) => {
  const result = mergeLines(Buffer.from(base), Buffer.from(ours), Buffer.from(theirs));
  return result.hasConflicts ? 'CONFLICT' : Buffer.from(result.content).toString();
};
const numbered = (count: number, changed: Record<number, string> = {}) =>
  Array.from({ length: count }, (_, index) => `${changed[index + 1] ?? `line ${index + 1}`}\n`).join('');

describe('mergeLines', () => {
  it('merges changes with an unchanged line between them', () => {
    expect(merge(numbered(5), numbered(5, { 2: 'two' }), numbered(5, { 4: 'four' }))).toBe(
      numbered(5, { 2: 'two', 4: 'four' }),
    );
  });

  it('conflicts on changes that touch: a changelog line removed with a line appended after it', () => {
    expect(merge('- one\n- culprit\n', '- one\n- culprit\n- later\n', '- one\n')).toBe('CONFLICT');
    expect(merge(numbered(5), numbered(5, { 2: 'two' }), numbered(5, { 3: 'three' }))).toBe('CONFLICT');
  });

  it('takes a change both sides made alike once', () => {
    expect(merge(numbered(3), numbered(3, { 2: 'two' }), numbered(3, { 2: 'two' }))).toBe(
      numbered(3, { 2: 'two' }),
    );
  });

  it('keeps a missing final newline as part of the last line', () => {
    expect(merge('a\nb', 'A\nb', 'a\nb\n')).toBe('CONFLICT');
    expect(merge('a\nb\nc\nd', 'A\nb\nc\nd', 'a\nb\nc\nd\n')).toBe('A\nb\nc\nd\n');
  });
});
