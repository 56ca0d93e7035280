import { describe, expect, it } from 'vitest';
import type { RepoState } from '../state.js';
import { treeJson, wrappedBase64 } from './git-data-json.js';

const repo = { owner: 'o', name: 'r' } as RepoState;
const entries = Array.from({ length: 10 }, (_, index) => ({
  mode: '100644',
  type: 'blob' as const,
  sha: String(index).repeat(40),
  size: index,
  path: `file-${index}.txt`,
}));

describe('treeJson', () => {
  it('keeps every entry under the limits', () => {
    const json = treeJson('http://h', repo, 't', entries, { maxEntries: 10, maxBytes: 1_000_000 });
    expect([json.truncated, json.tree.length]).toEqual([false, 10]);
  });

  it('truncates past the entry limit or the byte limit', () => {
    expect(
      treeJson('http://h', repo, 't', entries, { maxEntries: 4, maxBytes: 1_000_000 }).tree,
    ).toHaveLength(4);
    const oneEntryBytes = JSON.stringify(
      treeJson('http://h', repo, 't', entries.slice(0, 1), { maxEntries: 1, maxBytes: 1e6 }).tree[0],
    ).length;
    const byBytes = treeJson('http://h', repo, 't', entries, {
      maxEntries: 100,
      maxBytes: oneEntryBytes * 3 + 3,
    });
    expect([byBytes.truncated, byBytes.tree.length]).toEqual([true, 3]);
  });
});

describe('wrappedBase64', () => {
  it('wraps at 60 columns with a final newline, as GitHub does', () => {
    const encoded = wrappedBase64(new Uint8Array(90));
    expect(encoded.split('\n').map((line) => line.length)).toEqual([60, 60, 0]);
    expect(Buffer.from(encoded, 'base64')).toEqual(Buffer.alloc(90));
    expect(wrappedBase64(new Uint8Array())).toBe('');
  });
});
