import { afterAll, describe, expect, it } from 'vitest';
import { applyPatch } from '../src/apply-patch.js';
import { parsePatch } from '../src/parse-patch.js';
import { reversePatch } from '../src/reverse-patch.js';
import { type Files, git, memoryView, removeTemps, text, treeOfFiles, withChanges } from './support/git.js';
import { gitScenario } from './support/scenario.js';

afterAll(removeTemps);

const lines = (count: number, prefix = 'line') =>
  `${Array.from({ length: count }, (_, i) => `${prefix} ${i}`).join('\n')}\n`;
const bytes = (buffer: Buffer, mode: '100644' | '100755' = '100644') => ({ content: buffer, mode });
const seededBytes = (size: number, seed: number) => {
  const out = Buffer.alloc(size);
  let state = seed;
  for (let i = 0; i < size; i += 1) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  out[0] = 0;
  return out;
};
const bigBinary = seededBytes(200_000, 7);
const tweakedBinary = Buffer.from(bigBinary);
tweakedBinary.writeUInt8(0xff - tweakedBinary.readUInt8(1000), 1000);
tweakedBinary.writeUInt8(0x0f ^ tweakedBinary.readUInt8(150_000), 150_000);

const scenarios: Record<string, [Files, Files]> = {
  'text edits at start, middle and end': [
    new Map([['a.txt', text(lines(40))]]),
    new Map([
      ['a.txt', text(`${lines(40).replace('line 0\n', 'first\n').replace('line 20\n', 'middle\n')}last\n`)],
    ]),
  ],
  'CRLF content and a flipped final newline': [
    new Map([
      ['crlf.txt', text('one\r\ntwo\r\nthree\r\n')],
      ['noeol.txt', text('a\nb\nc')],
    ]),
    new Map([
      ['crlf.txt', text('one\r\nTWO\r\nthree')],
      ['noeol.txt', text('a\nB\nc\n')],
    ]),
  ],
  'empty files created, filled, emptied and deleted': [
    new Map([
      ['empty.txt', text('')],
      ['full.txt', text('x\n')],
      ['gone.txt', text('')],
    ]),
    new Map([
      ['empty.txt', text('now\n')],
      ['full.txt', text('')],
      ['new-empty.txt', text('')],
    ]),
  ],
  'binary literal and delta hunks': [
    new Map([
      ['img.png', bytes(seededBytes(3000, 1))],
      ['big.bin', bytes(bigBinary)],
    ]),
    new Map([
      ['img.png', bytes(seededBytes(2500, 2))],
      ['big.bin', bytes(tweakedBinary)],
      ['x/new.bin', bytes(seededBytes(10, 3))],
    ]),
  ],
  'executable bits and symlinks': [
    new Map([
      ['run.sh', text('#!/bin/sh\n')],
      ['link', text('a.txt', '120000')],
      ['a.txt', text('a\n')],
    ]),
    new Map([
      ['run.sh', text('#!/bin/sh\n', '100755')],
      ['link', text('run.sh', '120000')],
      ['a.txt', text('a\n')],
      ['l2', text('../outside', '120000')],
    ]),
  ],
  'file <-> symlink and file <-> directory swaps': [
    new Map([
      ['swap', text('file\n')],
      ['was-file', text('x\n')],
      ['was-dir/inner.txt', text('y\n')],
    ]),
    new Map([
      ['swap', text('target', '120000')],
      ['was-file/inner.txt', text('x\n')],
      ['was-dir', text('y\n')],
    ]),
  ],
  'names with spaces, unicode, tabs, quotes and leading dashes': [
    new Map([
      ['with space.txt', text('a\n')],
      ['ünïcödé.txt', text('b\n')],
      ['tab\tname.txt', text('c\n')],
      ['quote"d.txt', text('d\n')],
    ]),
    new Map([
      ['with space.txt', text('A\n')],
      ['日本/ü.md', text('b\n')],
      ['tab\tname.txt', text('C\n')],
      ['quote"d.txt', text('d\n')],
      ['-dash.txt', text('e\n')],
    ]),
  ],
  'renames with and without edits, and copies': [
    new Map([
      ['src/a.ts', text(lines(30, 'a'))],
      ['src/b.ts', text(lines(30, 'b'))],
      ['keep.ts', text(lines(20, 'k'))],
    ]),
    new Map([
      ['lib/a.ts', text(lines(30, 'a'))],
      ['lib/b 2.ts', text(lines(30, 'b').replace('b 3\n', 'B3\n'))],
      ['keep.ts', text(lines(20, 'k'))],
      ['copy of keep.ts', text(lines(20, 'k'))],
    ]),
  ],
  'lines that look like patch headers': [
    new Map([
      ['h.txt', text('--- a/fake\n+++ b/fake\n@@ -1,2 +1,2 @@\n\\ No newline\ndiff --git a/x b/x\n')],
    ]),
    new Map([['h.txt', text('--- a/fake\n+++ b/other\n@@ -1,2 +1,2 @@\n-- sql\ndiff --git a/x b/x\n')]]),
  ],
};

const flagSets = [
  ['--binary', '-M', '-C', '--find-copies-harder'],
  ['--binary', '-U0'],
  ['--binary', '-U1'],
  ['--binary', '-U10', '--no-renames'],
];

describe('applyPatch against git', () => {
  for (const [name, [before, after]] of Object.entries(scenarios)) {
    for (const flags of flagSets) {
      it(`${name} (git diff ${flags.join(' ')})`, async () => {
        const scenario = gitScenario(before, after, flags);
        const forward = await applyPatch(scenario.patch, memoryView(before));
        const result = withChanges(before, forward.changes);
        expect(treeOfFiles(result)).toBe(scenario.afterTree);
        const backward = await applyPatch(scenario.patch, memoryView(result), { reverse: true });
        expect(treeOfFiles(withChanges(result, backward.changes))).toBe(scenario.beforeTree);
      });
    }
  }

  it('writes reverse patches that git apply accepts', () => {
    const [before, after] = scenarios['renames with and without edits, and copies'] as [Files, Files];
    const scenario = gitScenario(before, after, ['--binary', '-M']);
    const reversed = reversePatch(scenario.patch.toString('utf8'));
    git(scenario.repo, ['apply', '--index', '-'], { input: reversed });
    expect(git(scenario.repo, ['write-tree']).toString().trim()).toBe(scenario.beforeTree);
  });

  it('reports delta hunks as such, and applies a random binary delta exactly', async () => {
    const original = seededBytes(50_001, 11);
    const before: Files = new Map([['r.bin', bytes(original)]]);
    const changed = Buffer.from(original);
    changed.writeUInt32BE(0xdeadbeef, 25_000);
    const after: Files = new Map([['r.bin', bytes(changed)]]);
    const scenario = gitScenario(before, after);
    expect(parsePatch(scenario.patch)[0]?.binary?.forward.kind).toBe('delta');
    const { changes } = await applyPatch(scenario.patch, memoryView(before));
    expect(treeOfFiles(withChanges(before, changes))).toBe(scenario.afterTree);
  });
});
