import assert from 'node:assert/strict';
import { HealingError } from '../errors.js';
import { gitBlobId } from '../object-id.js';
import type { StorageAdapter } from '../storage.js';
import { type ContractCase, uniqueName, yieldToEventLoop } from './contract-case.js';

const encoder = new TextEncoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);
const text = (content: Uint8Array): string => new TextDecoder().decode(content);

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof HealingError, `expected a HealingError ${code}, got ${String(error)}`);
    assert.equal(error.code, code);
    return true;
  });
}

async function readText(storage: StorageAdapter, path: string): Promise<string | null> {
  const file = await storage.read(path);
  return file ? text(file.content) : null;
}

export const storageContractCases: readonly ContractCase<StorageAdapter>[] = [
  {
    name: 'reads a missing file as null',
    async run(storage) {
      const path = `${uniqueName('missing')}/nothing.txt`;
      assert.equal(await storage.read(path), null);
      assert.equal(await storage.exists(path), false);
    },
  },
  {
    name: 'writes and reads back bytes, mode and a git blob id as version',
    async run(storage) {
      const path = `${uniqueName('rw')}/file.txt`;
      const { version } = await storage.write(path, 'hello\n');
      const file = await storage.read(path);
      assert.ok(file);
      assert.equal(text(file.content), 'hello\n');
      assert.equal(file.mode, '100644');
      assert.equal(file.path, path);
      assert.equal(file.version, version);
      assert.equal(version, gitBlobId(bytes('hello\n')));
      assert.equal(await storage.exists(path), true);
    },
  },
  {
    name: 'round-trips every byte value and an empty file',
    async run(storage) {
      const dir = uniqueName('binary');
      const all = new Uint8Array(256).map((_, index) => index);
      await storage.write(`${dir}/all.bin`, all);
      await storage.write(`${dir}/empty`, new Uint8Array());
      assert.deepEqual((await storage.read(`${dir}/all.bin`))?.content, all);
      const empty = await storage.read(`${dir}/empty`);
      assert.ok(empty);
      assert.equal(empty.content.byteLength, 0);
    },
  },
  {
    name: 'keeps unicode, spaces and quotes in names',
    async run(storage) {
      const dir = uniqueName('names');
      const names = [
        `${dir}/with space.txt`,
        `${dir}/ünïcödé 日本.md`,
        `${dir}/quote"d.txt`,
        `${dir}/-dash.txt`,
      ];
      for (const name of names) await storage.write(name, name);
      for (const name of names) assert.equal(await readText(storage, name), name);
      assert.deepEqual(
        (await storage.list(dir)).map((entry) => entry.path),
        [...names].sort((a, b) => (a < b ? -1 : 1)),
      );
    },
  },
  {
    name: 'overwriting changes the version',
    async run(storage) {
      const path = `${uniqueName('over')}/a.txt`;
      const first = await storage.write(path, 'one');
      const second = await storage.write(path, 'two');
      assert.notEqual(first.version, second.version);
      assert.equal(await readText(storage, path), 'two');
    },
  },
  {
    name: 'compare-and-swap: the expected version lets the write through',
    async run(storage) {
      const path = `${uniqueName('cas')}/a.txt`;
      const created = await storage.write(path, 'v1', { expectedVersion: null });
      const updated = await storage.write(path, 'v2', { expectedVersion: created.version });
      assert.equal(updated.version, gitBlobId(bytes('v2')));
      assert.equal(await readText(storage, path), 'v2');
    },
  },
  {
    name: 'compare-and-swap: a stale version is refused and nothing changes',
    async run(storage) {
      const path = `${uniqueName('stale')}/a.txt`;
      const first = await storage.write(path, 'v1');
      await storage.write(path, 'v2');
      await expectCode(storage.write(path, 'v3', { expectedVersion: first.version }), 'VERSION_CONFLICT');
      assert.equal(await readText(storage, path), 'v2');
    },
  },
  {
    name: 'compare-and-swap: "must not exist" is refused for an existing file',
    async run(storage) {
      const path = `${uniqueName('exists')}/a.txt`;
      await storage.write(path, 'mine');
      await expectCode(storage.write(path, 'theirs', { expectedVersion: null }), 'VERSION_CONFLICT');
      assert.equal(await readText(storage, path), 'mine');
    },
  },
  {
    name: 'compare-and-swap: expecting a version of a missing file is refused',
    async run(storage) {
      const path = `${uniqueName('gone')}/a.txt`;
      await expectCode(
        storage.write(path, 'x', { expectedVersion: gitBlobId(bytes('old')) }),
        'VERSION_CONFLICT',
      );
      assert.equal(await storage.exists(path), false);
    },
  },
  {
    name: 'deletes a file and reports whether it existed',
    async run(storage) {
      const path = `${uniqueName('del')}/a.txt`;
      await storage.write(path, 'x');
      assert.equal(await storage.delete(path), true);
      assert.equal(await storage.read(path), null);
      assert.equal(await storage.delete(path), false);
    },
  },
  {
    name: 'a delete with a stale version is refused and the file stays',
    async run(storage) {
      const path = `${uniqueName('delcas')}/a.txt`;
      const first = await storage.write(path, 'one');
      await storage.write(path, 'two');
      await expectCode(storage.delete(path, { expectedVersion: first.version }), 'VERSION_CONFLICT');
      assert.equal(await readText(storage, path), 'two');
    },
  },
  {
    name: 'lists recursively under a directory prefix, sorted, with modes',
    async run(storage) {
      const dir = uniqueName('list');
      await storage.write(`${dir}/src/b.ts`, 'b');
      await storage.write(`${dir}/src/a.ts`, 'a');
      await storage.write(`${dir}/src/deep/er/c.ts`, 'c');
      await storage.write(`${dir}/srcx/not-under-src.ts`, 'x');
      await storage.write(`${dir}/top.txt`, 't');
      const under = await storage.list(`${dir}/src`);
      assert.deepEqual(
        under.map((entry) => entry.path),
        [`${dir}/src/a.ts`, `${dir}/src/b.ts`, `${dir}/src/deep/er/c.ts`],
      );
      assert.ok(under.every((entry) => entry.mode === '100644'));
      assert.equal((await storage.list(dir)).length, 5);
      assert.deepEqual(await storage.list(`${dir}/nothing-here`), []);
    },
  },
  {
    name: 'lists a few hundred files in one call',
    async run(storage) {
      const dir = uniqueName('many');
      const changes = Array.from({ length: 300 }, (_, index) => ({
        kind: 'write' as const,
        path: `${dir}/d${index % 7}/f${index}.txt`,
        content: bytes(`file ${index}\n`),
        mode: '100644' as const,
      }));
      await storage.commit(changes, { message: 'many files' });
      const listed = await storage.list(dir);
      assert.equal(listed.length, 300);
      assert.deepEqual(
        listed.map((entry) => entry.path),
        changes.map((change) => change.path).sort((a, b) => (a < b ? -1 : 1)),
      );
    },
  },
  {
    name: 'keeps the executable bit',
    requires: (storage) => storage.capabilities.executableBit,
    async run(storage) {
      const path = `${uniqueName('exec')}/run.sh`;
      await storage.write(path, '#!/bin/sh\necho hi\n', { mode: '100755' });
      assert.equal((await storage.read(path))?.mode, '100755');
      assert.equal((await storage.list(path.slice(0, path.lastIndexOf('/'))))[0]?.mode, '100755');
      await storage.write(path, '#!/bin/sh\necho changed\n');
      assert.equal((await storage.read(path))?.mode, '100755', 'a write without a mode keeps the old one');
    },
  },
  {
    name: 'keeps symbolic links as links, not their targets',
    requires: (storage) => storage.capabilities.symlinks,
    async run(storage) {
      const dir = uniqueName('link');
      await storage.write(`${dir}/target.txt`, 'target content');
      await storage.write(`${dir}/link`, 'target.txt', { mode: '120000' });
      const link = await storage.read(`${dir}/link`);
      assert.ok(link);
      assert.equal(link.mode, '120000');
      assert.equal(text(link.content), 'target.txt');
    },
  },
  {
    name: 'refuses paths that escape the root or enter .git, writing nothing',
    async run(storage) {
      const dir = uniqueName('unsafe');
      for (const path of [
        '../escape.txt',
        `${dir}/../../escape.txt`,
        '/etc/passwd',
        '.git/config',
        `${dir}/.git/x`,
      ]) {
        await expectCode(storage.write(path, 'pwned'), 'UNSAFE_PATH');
        await expectCode(storage.read(path), 'UNSAFE_PATH');
      }
      await expectCode(
        storage.commit(
          [
            { kind: 'write', path: `${dir}/fine.txt`, content: bytes('ok'), mode: '100644' },
            { kind: 'write', path: '../escape.txt', content: bytes('pwned'), mode: '100644' },
          ],
          { message: 'unsafe' },
        ),
        'UNSAFE_PATH',
      );
      assert.equal(await storage.exists(`${dir}/fine.txt`), false, 'no part of a refused commit is written');
    },
  },
  {
    name: 'commits several writes and deletes together',
    async run(storage) {
      const dir = uniqueName('commit');
      await storage.write(`${dir}/old.txt`, 'old');
      await storage.write(`${dir}/keep.txt`, 'keep');
      const result = await storage.commit(
        [
          { kind: 'write', path: `${dir}/new.txt`, content: bytes('new'), mode: '100644' },
          { kind: 'write', path: `${dir}/keep.txt`, content: bytes('kept'), mode: '100644' },
          { kind: 'delete', path: `${dir}/old.txt` },
        ],
        { message: 'several' },
      );
      assert.equal(result.versions[`${dir}/new.txt`], gitBlobId(bytes('new')));
      assert.equal(await readText(storage, `${dir}/new.txt`), 'new');
      assert.equal(await readText(storage, `${dir}/keep.txt`), 'kept');
      assert.equal(await storage.exists(`${dir}/old.txt`), false);
    },
  },
  {
    name: 'a commit with one stale expected version changes nothing',
    async run(storage) {
      const dir = uniqueName('commitcas');
      const a = await storage.write(`${dir}/a.txt`, 'a1');
      await storage.write(`${dir}/b.txt`, 'b1');
      const staleB = gitBlobId(bytes('b0'));
      await expectCode(
        storage.commit(
          [
            { kind: 'write', path: `${dir}/a.txt`, content: bytes('a2'), mode: '100644' },
            { kind: 'write', path: `${dir}/b.txt`, content: bytes('b2'), mode: '100644' },
          ],
          { message: 'cas', expectedVersions: { [`${dir}/a.txt`]: a.version, [`${dir}/b.txt`]: staleB } },
        ),
        'VERSION_CONFLICT',
      );
      assert.equal(await readText(storage, `${dir}/a.txt`), 'a1');
      assert.equal(await readText(storage, `${dir}/b.txt`), 'b1');
    },
  },
  {
    name: 'concurrent writers on different files lose nothing',
    async run(storage) {
      const dir = uniqueName('parallel');
      const count = 40;
      await Promise.all(
        Array.from({ length: count }, (_, index) =>
          storage.write(`${dir}/f${index}.txt`, `content ${index}`),
        ),
      );
      const files = await Promise.all(
        Array.from({ length: count }, (_, index) => readText(storage, `${dir}/f${index}.txt`)),
      );
      for (const [index, content] of files.entries()) assert.equal(content, `content ${index}`);
      assert.equal((await storage.list(dir)).length, count);
    },
  },
  {
    name: 'racing compare-and-swap writers: exactly one wins, the rest conflict',
    async run(storage) {
      const path = `${uniqueName('race')}/a.txt`;
      const base = await storage.write(path, 'base');
      const writers = 12;
      const outcomes = await Promise.allSettled(
        Array.from({ length: writers }, (_, index) =>
          storage.write(path, `writer ${index}`, { expectedVersion: base.version }),
        ),
      );
      const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
      assert.equal(winners.length, 1, `exactly one writer may win, ${winners.length} did`);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') {
          assert.ok(outcome.reason instanceof HealingError && outcome.reason.code === 'VERSION_CONFLICT');
        }
      }
      assert.equal(await readText(storage, path), `writer ${winners[0]}`);
    },
  },
  {
    name: 'racing creators of the same new file: exactly one wins',
    async run(storage) {
      const path = `${uniqueName('create')}/a.txt`;
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, index) =>
          storage.write(path, `creator ${index}`, { expectedVersion: null }),
        ),
      );
      assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    },
  },
  {
    name: 'read-modify-write with retries on conflict loses no increment',
    async run(storage) {
      const path = `${uniqueName('counter')}/count.txt`;
      await storage.write(path, '0');
      const workers = 6;
      const incrementsEach = 4;
      const increment = async (): Promise<void> => {
        for (let attempt = 0; attempt < 200; attempt += 1) {
          const file = await storage.read(path);
          assert.ok(file);
          await yieldToEventLoop();
          try {
            await storage.write(path, String(Number(text(file.content)) + 1), {
              expectedVersion: file.version,
            });
            return;
          } catch (error) {
            if (!(error instanceof HealingError && error.code === 'VERSION_CONFLICT')) throw error;
          }
        }
        assert.fail('an increment never got through in 200 attempts');
      };
      await Promise.all(
        Array.from({ length: workers }, async () => {
          for (let index = 0; index < incrementsEach; index += 1) await increment();
        }),
      );
      assert.equal(await readText(storage, path), String(workers * incrementsEach));
    },
  },
  {
    name: 'interleaved reads during unconditional writes never see a torn file',
    async run(storage) {
      const path = `${uniqueName('torn')}/big.txt`;
      const versions = Array.from({ length: 6 }, (_, index) => String(index).repeat(64 * 1024));
      await storage.write(path, versions[0] ?? '');
      const reads: Array<string | null> = [];
      await Promise.all([
        ...versions.map((content) => storage.write(path, content)),
        ...Array.from({ length: 12 }, async () => {
          await yieldToEventLoop();
          reads.push(await readText(storage, path));
        }),
      ]);
      for (const read of reads) assert.ok(read !== null && versions.includes(read), 'a read saw a torn file');
      assert.ok(versions.includes((await readText(storage, path)) ?? ''));
    },
  },
];
