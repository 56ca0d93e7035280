import type { FileViewEntry } from '../../src/types.js';
import type { Files } from './git.js';
import { integer, pick } from './random.js';

const WORDS = ['alpha', 'beta', 'return x;', '--', '---', '+++', '@@', '\\', 'diff', 'índice', '}', '{', ''];
const NAMES = [
  'a.txt',
  'b.ts',
  'with space.md',
  'ünï.txt',
  'tab\tname.txt',
  'q"uote.txt',
  'src/x.ts',
  'src/deep/y.ts',
  '-dash.txt',
  'bin/run.sh',
  'data/blob.bin',
  'empty.txt',
];

type Random = () => number;

export function randomText(random: Random, lineCount = integer(random, 0, 40)): Buffer {
  const crlf = random() < 0.15;
  const lines = Array.from({ length: lineCount }, () =>
    Array.from({ length: integer(random, 0, 4) }, () => pick(random, WORDS)).join(' '),
  );
  let out = lines.join(crlf ? '\r\n' : '\n');
  if (lineCount > 0 && random() < 0.85) out += crlf ? '\r\n' : '\n';
  return Buffer.from(out);
}

export function randomBinary(random: Random, size = integer(random, 1, 3000)): Buffer {
  const out = Buffer.alloc(size + 1);
  for (let i = 1; i <= size; i += 1) out[i] = integer(random, 0, 255);
  return out;
}

function entry(content: Buffer, mode: FileViewEntry['mode'] = '100644'): FileViewEntry {
  return { content, mode };
}

export function randomTree(random: Random): Files {
  const files: Files = new Map();
  for (const name of NAMES) {
    if (random() < 0.4) continue;
    if (name.endsWith('.bin')) files.set(name, entry(randomBinary(random)));
    else if (name === 'empty.txt') files.set(name, entry(Buffer.alloc(0)));
    else files.set(name, entry(randomText(random), name.endsWith('.sh') ? '100755' : '100644'));
  }
  if (random() < 0.4) files.set('link', entry(Buffer.from('a.txt'), '120000'));
  return files;
}

function editLines(random: Random, content: Uint8Array): Buffer {
  const lines = Buffer.from(content).toString('utf8').split('\n');
  for (let edits = integer(random, 1, 5); edits > 0; edits -= 1) {
    const at = integer(random, 0, Math.max(0, lines.length - 1));
    const roll = random();
    const line = randomText(random, 1)
      .toString('utf8')
      .replace(/\r?\n$/, '');
    if (roll < 0.4) lines[at] = line;
    else if (roll < 0.75) lines.splice(at, 0, line);
    else lines.splice(at, 1);
  }
  return Buffer.from(lines.join('\n'));
}

/** Applies 1 to 6 random changes of every kind the patch format carries. */
export function mutateTree(random: Random, before: Files): Files {
  const files: Files = new Map(before);
  for (let steps = integer(random, 1, 6); steps > 0; steps -= 1) {
    const paths = [...files.keys()];
    const path = paths.length > 0 ? pick(random, paths) : 'a.txt';
    const current = files.get(path);
    const isText =
      current !== undefined && current.mode !== '120000' && !Buffer.from(current.content).includes(0);
    switch (
      pick(random, [
        'edit',
        'edit',
        'add',
        'delete',
        'rename',
        'renameEdit',
        'mode',
        'binary',
        'link',
        'swap',
        'copy',
      ])
    ) {
      case 'edit':
        if (current && isText) files.set(path, entry(editLines(random, current.content), current.mode));
        break;
      case 'add':
        files.set(pick(random, ['new.txt', 'nested/new ñ.txt', 'src/new.ts']), entry(randomText(random)));
        break;
      case 'delete':
        files.delete(path);
        break;
      case 'rename':
        if (current && !files.has(`moved/${path}`)) {
          files.delete(path);
          files.set(`moved/${path}`, current);
        }
        break;
      case 'renameEdit':
        if (current && isText && !files.has(`renamed ${path}`)) {
          files.delete(path);
          files.set(`renamed ${path}`, entry(editLines(random, current.content), current.mode));
        }
        break;
      case 'mode':
        if (current && current.mode !== '120000')
          files.set(
            path,
            entry(Buffer.from(current.content), current.mode === '100755' ? '100644' : '100755'),
          );
        break;
      case 'binary': {
        const blob = Buffer.from(files.get('data/blob.bin')?.content ?? randomBinary(random));
        blob[integer(random, 0, blob.length - 1)] = integer(random, 0, 255);
        files.set('data/blob.bin', entry(blob));
        break;
      }
      case 'link':
        files.set(
          pick(random, ['link', 'link2']),
          entry(Buffer.from(pick(random, ['a.txt', 'nowhere', '../up'])), '120000'),
        );
        break;
      case 'swap':
        // git refuses to put a directory where a link is (even one the patch removes).
        if (current && current.mode !== '120000' && !path.includes('/')) {
          files.delete(path);
          files.set(`${path}/inner.txt`, entry(randomText(random)));
        }
        break;
      case 'copy':
        if (current && !files.has(`copy-${path.replaceAll('/', '-')}`))
          files.set(`copy-${path.replaceAll('/', '-')}`, current);
        break;
    }
  }
  return files;
}
