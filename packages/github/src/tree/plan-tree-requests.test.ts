import type { FileChange, FileMode } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { inlineText, planTreeRequests } from './plan-tree-requests.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const write = (path: string, content: Uint8Array | string, mode: FileMode = '100644'): FileChange => ({
  kind: 'write',
  path,
  content: typeof content === 'string' ? bytes(content) : content,
  mode,
});

describe('inlineText', () => {
  it('keeps UTF-8 text (BOM, CRLF, unicode) and refuses NUL bytes and invalid UTF-8', () => {
    expect(inlineText(bytes('\uFEFFa\r\nü日本'))).toBe('\uFEFFa\r\nü日本');
    expect(inlineText(new Uint8Array([97, 0, 98]))).toBeNull();
    expect(inlineText(new Uint8Array([0xff, 0xfe, 0x41]))).toBeNull();
    expect(inlineText(new Uint8Array())).toBe('');
  });
});

describe('planTreeRequests', () => {
  it('puts text inline, binaries in blobs, deletions first, all in one request under the limits', () => {
    const plan = planTreeRequests([
      write('a.txt', 'a'),
      write('img.png', new Uint8Array([0, 1, 2])),
      { kind: 'delete', path: 'old.txt' },
      write('run.sh', '#!/bin/sh\n', '100755'),
    ]);
    expect(plan.blobs.map((blob) => blob.path)).toEqual(['img.png']);
    expect(plan.chunks).toHaveLength(1);
    expect(plan.chunks[0]?.map((entry) => `${entry.kind}:${entry.path}`)).toEqual([
      'delete:old.txt',
      'inline:a.txt',
      'blob:img.png',
      'inline:run.sh',
    ]);
  });

  it('splits into chained requests by entry count and by bytes, keeping every entry once', () => {
    const changes = Array.from({ length: 25 }, (_, index) => write(`f${index}.txt`, 'x'.repeat(100)));
    const byCount = planTreeRequests(changes, { maxEntries: 10 });
    expect(byCount.chunks.map((chunk) => chunk.length)).toEqual([10, 10, 5]);
    const byBytes = planTreeRequests(changes, { maxBytes: 1000 });
    expect(byBytes.chunks.length).toBeGreaterThan(3);
    expect(byBytes.chunks.flat().map((entry) => entry.path)).toEqual(changes.map((change) => change.path));
  });

  it('sends text over the inline limit as a blob', () => {
    const plan = planTreeRequests([write('big.txt', 'y'.repeat(50))], { maxInlineBytes: 10 });
    expect(plan.blobs).toHaveLength(1);
    expect(plan.chunks[0]?.[0]).toMatchObject({ kind: 'blob', blobIndex: 0 });
  });
});
