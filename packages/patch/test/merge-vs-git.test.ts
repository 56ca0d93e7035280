import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeFile, type ThreeWayFile } from '../src/merge/merge-file.js';
import { diffScript } from '../src/merge/xdiff/diff-script.js';
import type { FileViewEntry } from '../src/types.js';
import { git, initRepo, removeTemps, tempDir } from './support/git.js';
import { seededRandom } from './support/random.js';

interface Random {
  next(): number;
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
}

function createRandom(seed: number): Random {
  const next = seededRandom(seed);
  return {
    next,
    int: (below) => Math.floor(next() * below),
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
  };
}

// git is the oracle: merge-ort (through merge-tree) merges every file of a tree
// at once, and mergeFile must agree on each: same conflicts, same merged bytes and mode.
afterAll(removeTemps);

const ALPHABETS = {
  // Few distinct lines: ambiguous alignments, where diff algorithms disagree most.
  letters: ['a\n', 'b\n', 'c\n', '\n'],
  changelog: ['\n', '## 1.0\n', '- fix\n', '- add x\n', '- add y\n', '}\n', '  return x;\n'],
  code: [...Array.from({ length: 20 }, (_, index) => `line ${index}\n`), '\n', '}\n'],
} as const;

type Version = FileViewEntry | null;

function editLines(
  random: Random,
  lines: readonly string[],
  alphabet: readonly string[],
  edits: number,
): string[] {
  const out = [...lines];
  for (let edit = 0; edit < edits; edit += 1) {
    const at = random.int(out.length + 1);
    const kind = random.next();
    if (kind < 0.35)
      out.splice(at, 0, ...Array.from({ length: 1 + random.int(2) }, () => random.pick(alphabet)));
    else if (kind < 0.7) out.splice(at, 1 + random.int(2));
    else out.splice(at, 1, random.pick(alphabet));
  }
  if (random.next() < 0.05 && out.length > 0)
    out[out.length - 1] = (out[out.length - 1] as string).replace(/\n$/, '');
  return out;
}

const textVersion = (lines: readonly string[], mode: FileViewEntry['mode'] = '100644'): FileViewEntry => ({
  content: Buffer.from(lines.join(''), 'latin1'),
  mode,
});

/** A side derived from the base the way histories do: kept, edited, re-moded, deleted, retyped. */
function deriveSide(
  random: Random,
  base: Version,
  baseLines: readonly string[],
  alphabet: readonly string[],
): Version {
  const roll = random.next();
  if (roll < 0.2) return base;
  if (roll < 0.3) return null;
  if (roll < 0.35) return { content: Buffer.from([0, 1, 2, random.int(256)]), mode: '100644' };
  if (roll < 0.38) return { content: Buffer.from(`target-${random.int(3)}`), mode: '120000' };
  const mode = roll < 0.45 ? '100755' : (base?.mode ?? '100644');
  return textVersion(
    editLines(random, baseLines, alphabet, 1 + random.int(3)),
    mode === '120000' ? '100644' : mode,
  );
}

function randomFiles(
  random: Random,
  count: number,
  alphabet: readonly string[],
  withTypes: boolean,
): ThreeWayFile[] {
  const files: ThreeWayFile[] = [];
  for (let index = 0; index < count; index += 1) {
    const baseLines = Array.from({ length: random.int(12) }, () => random.pick(alphabet));
    const base = withTypes && random.next() < 0.1 ? null : textVersion(baseLines);
    const side = () =>
      withTypes
        ? deriveSide(random, base, baseLines, alphabet)
        : textVersion(editLines(random, baseLines, alphabet, 1 + random.int(3)));
    files.push({ path: `f${index}`, base, ours: side(), theirs: side() });
  }
  return files;
}

interface GitMerge {
  readonly conflicts: Set<string>;
  readonly merged: Map<string, FileViewEntry>;
}

/** One merge-tree run over trees holding every case as its own file. */
function mergeWithGit(files: readonly ThreeWayFile[]): GitMerge {
  const repo = initRepo();
  const chunks: Buffer[] = [];
  const commit = (ref: string, side: 'base' | 'ours' | 'theirs', from?: string) => {
    chunks.push(
      Buffer.from(
        `commit ${ref}\ncommitter t <t@t> 0 +0000\ndata 0\n${from ? `from ${from}\n` : ''}deleteall\n`,
      ),
    );
    for (const file of files) {
      const version = file[side];
      if (version === null) continue;
      chunks.push(Buffer.from(`M ${version.mode} inline ${file.path}\ndata ${version.content.length}\n`));
      chunks.push(Buffer.from(version.content), Buffer.from('\n'));
    }
  };
  commit('refs/heads/base', 'base');
  commit('refs/heads/ours', 'ours', 'refs/heads/base');
  commit('refs/heads/theirs', 'theirs', 'refs/heads/base');
  git(repo, ['fast-import', '--quiet'], { input: Buffer.concat(chunks) });
  let output: Buffer;
  try {
    output = git(repo, [
      '-c',
      'merge.renames=false',
      'merge-tree',
      '--write-tree',
      '-z',
      '--name-only',
      'ours',
      'theirs',
    ]);
  } catch (error) {
    output = (error as { stdout: Buffer }).stdout;
  }
  const [tree = '', ...rest] = output.toString('latin1').split('\0');
  const conflicts = new Set(rest.slice(0, rest.indexOf('')));
  const merged = new Map<string, FileViewEntry>();
  const listing = git(repo, ['ls-tree', '-z', tree]).toString('latin1').split('\0').filter(Boolean);
  const entries = listing.map((line) => {
    const [meta = '', path = ''] = line.split('\t');
    const [mode = '', , id = ''] = meta.split(' ');
    return { mode: mode as FileViewEntry['mode'], id, path };
  });
  const batch = git(repo, ['cat-file', '--batch'], {
    input: `${entries.map((entry) => entry.id).join('\n')}\n`,
  });
  let at = 0;
  for (const entry of entries) {
    const newline = batch.indexOf(0x0a, at);
    const size = Number(batch.subarray(at, newline).toString('latin1').split(' ')[2]);
    merged.set(entry.path, { mode: entry.mode, content: batch.subarray(newline + 1, newline + 1 + size) });
    at = newline + 1 + size + 1;
  }
  return { conflicts, merged };
}

function compareWithGit(files: readonly ThreeWayFile[]): { clean: number; conflicts: number } {
  // merge-ort always follows renames (2.39 ignores merge.renames): files with a base and files
  // without one merge apart, so no side both deletes and adds a file and nothing pairs up.
  const withBase = files.filter((file) => file.base !== null);
  const withoutBase = files.filter((file) => file.base === null);
  const merges = [withBase, withoutBase].filter((group) => group.length > 0).map(mergeWithGit);
  const oracle: GitMerge = {
    conflicts: new Set(merges.flatMap((merge) => [...merge.conflicts])),
    merged: new Map(merges.flatMap((merge) => [...merge.merged])),
  };
  let clean = 0;
  for (const file of files) {
    const ours = mergeFile(file);
    if (oracle.conflicts.has(file.path)) {
      expect(ours.status, `${file.path}: git conflicts on ${JSON.stringify(file)}`).toBe('conflict');
      continue;
    }
    expect(ours.status, `${file.path}: git merges ${JSON.stringify(file)}`).toBe('merged');
    if (ours.status !== 'merged') continue;
    clean += 1;
    const expected = oracle.merged.get(file.path) ?? null;
    expect(ours.result?.mode ?? null, file.path).toBe(expected?.mode ?? null);
    expect(Buffer.from(ours.result?.content ?? []).toString('latin1'), file.path).toBe(
      Buffer.from(expected?.content ?? []).toString('latin1'),
    );
  }
  return { clean, conflicts: files.length - clean };
}

describe('mergeFile agrees with git merge-ort', () => {
  for (const [name, alphabet] of Object.entries(ALPHABETS)) {
    it(`on random line merges (${name})`, () => {
      const counts = compareWithGit(randomFiles(createRandom(0x5eed + name.length), 800, alphabet, false));
      // Both outcomes are exercised, or the comparison proves little.
      expect(counts.clean).toBeGreaterThan(100);
      expect(counts.conflicts).toBeGreaterThan(50);
    });
  }

  it('on deletions, additions, modes, binaries and links', () => {
    const counts = compareWithGit(randomFiles(createRandom(0xf11e), 800, ALPHABETS.changelog, true));
    expect(counts.clean).toBeGreaterThan(100);
    expect(counts.conflicts).toBeGreaterThan(100);
  });

  it('on long files where histogram falls back to the classic diff', () => {
    const random = createRandom(0x1096);
    const files: ThreeWayFile[] = [];
    for (let index = 0; index < 40; index += 1) {
      const baseLines = Array.from({ length: 400 }, () => random.pick(ALPHABETS.letters));
      const side = () => textVersion(editLines(random, baseLines, ALPHABETS.letters, 2));
      files.push({ path: `long${index}`, base: textVersion(baseLines), ours: side(), theirs: side() });
    }
    compareWithGit(files);
  });

  it('conflicts on a changelog line with lines appended right after it, as git does', () => {
    const base = '# Changelog\n\n- one\n- culprit\n';
    const file: ThreeWayFile = {
      path: 'CHANGELOG.md',
      base: { content: Buffer.from(base), mode: '100644' },
      ours: { content: Buffer.from(`${base}- later\n`), mode: '100644' },
      theirs: { content: Buffer.from('# Changelog\n\n- one\n'), mode: '100644' },
    };
    expect(mergeFile(file).status).toBe('conflict');
    expect(mergeWithGit([file]).conflicts.has('CHANGELOG.md')).toBe(true);
  });
});

describe('diffScript agrees with git diff --histogram', () => {
  it('on long files with many edits (classic fallback and its cost heuristics included)', () => {
    const random = createRandom(0xd1ff);
    const dir = tempDir();
    for (const [alphabetSize, length, edits] of [
      [3, 2000, 1200],
      [30, 3000, 400],
      [400, 6000, 900],
    ] as const) {
      const a = Array.from({ length }, () => `l${random.int(alphabetSize)}\n`);
      const b = [...a];
      for (let edit = 0; edit < edits; edit += 1) {
        const at = random.int(b.length);
        const kind = random.next();
        if (kind < 0.4) b.splice(at, 0, `l${random.int(alphabetSize)}\n`);
        else if (kind < 0.8) b.splice(at, 1 + random.int(3));
        else b[at] = `x${random.int(alphabetSize)}\n`;
      }
      writeFileSync(join(dir, 'a'), a.join(''));
      writeFileSync(join(dir, 'b'), b.join(''));
      let output = '';
      try {
        git(dir, ['diff', '--no-index', '--histogram', '--no-indent-heuristic', '-U0', 'a', 'b']);
      } catch (error) {
        output = (error as { stdout: Buffer }).stdout.toString('utf8');
      }
      const fromGit = [...output.matchAll(/^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/gm)].map((match) => {
        const chg1 = match[2] === undefined ? 1 : Number(match[2]);
        const chg2 = match[4] === undefined ? 1 : Number(match[4]);
        const i1 = chg1 === 0 ? Number(match[1]) : Number(match[1]) - 1;
        const i2 = chg2 === 0 ? Number(match[3]) : Number(match[3]) - 1;
        return { i1, i2, chg1, chg2 };
      });
      const ids = new Map<string, number>();
      const id = (line: string) => {
        if (!ids.has(line)) ids.set(line, ids.size);
        return ids.get(line) as number;
      };
      expect(diffScript(a.map(id), b.map(id))).toEqual(fromGit);
    }
  });
});
