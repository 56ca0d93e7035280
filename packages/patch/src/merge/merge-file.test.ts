import { describe, expect, it } from 'vitest';
import type { FileViewEntry } from '../types.js';
import { mergeFile } from './merge-file.js';

const text = (content: string, mode: FileViewEntry['mode'] = '100644'): FileViewEntry => ({
  content: Buffer.from(content),
  mode,
});
const merge = (base: FileViewEntry | null, ours: FileViewEntry | null, theirs: FileViewEntry | null) =>
  mergeFile({ path: 'f', base, ours, theirs });
const contentOf = (result: ReturnType<typeof merge>) =>
  result.status === 'merged'
    ? result.result === null
      ? null
      : Buffer.from(result.result.content).toString()
    : 'CONFLICT';

describe('mergeFile', () => {
  it('takes the side that changed, and either when both changed alike', () => {
    expect(contentOf(merge(text('a\n'), text('a\n'), text('b\n')))).toBe('b\n');
    expect(contentOf(merge(text('a\n'), text('b\n'), text('a\n')))).toBe('b\n');
    expect(contentOf(merge(text('a\n'), text('b\n'), text('b\n')))).toBe('b\n');
    expect(contentOf(merge(text('a\n'), null, null))).toBeNull();
  });

  it('conflicts on modify/delete and on two different additions', () => {
    expect(merge(text('a\n'), null, text('b\n')).status).toBe('conflict');
    expect(merge(text('a\n'), text('b\n'), null).status).toBe('conflict');
    expect(merge(null, text('x\n'), text('y\n')).status).toBe('conflict');
    expect(contentOf(merge(null, null, text('y\n')))).toBe('y\n');
  });

  it('merges the executable bit apart from the content', () => {
    const result = merge(text('1\n2\n3\n', '100755'), text('1\n2\nthree\n', '100755'), text('1\n2\n3\n'));
    expect(result).toEqual({ path: 'f', status: 'merged', result: text('1\n2\nthree\n') });
    expect(merge(text('a\n'), text('b\n', '100755'), text('a\n', '100755')).status).toBe('merged');
  });

  it('conflicts on two file types, links changed both ways and binaries changed both ways', () => {
    expect(merge(text('a\n'), text('b\n'), text('target', '120000')).status).toBe('conflict');
    expect(merge(text('t', '120000'), text('u', '120000'), text('v', '120000')).status).toBe('conflict');
    const binary = (byte: number) => ({ content: Buffer.from([0, byte]), mode: '100644' as const });
    expect(merge(binary(1), binary(2), binary(3)).status).toBe('conflict');
    expect(contentOf(merge(binary(1), binary(1), binary(3)))).toBe(Buffer.from([0, 3]).toString());
  });
});
