import assert from 'node:assert/strict';
import type { CacheAdapter, CacheValue } from '../cache.js';
import { HealingError } from '../errors.js';
import { type ContractCase, uniqueName } from './contract-case.js';
import type { ManualClock } from './manual-clock.js';

export interface CacheContractSubject {
  readonly cache: CacheAdapter;
  /** The clock the cache was created with; cases advance it to expire entries. */
  readonly clock: ManualClock;
  /** For persistent caches: opens the same store again after `cache` was closed. */
  readonly reopen?: () => Promise<CacheAdapter>;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof HealingError && error.code === code);
}

const jsonSamples: ReadonlyArray<CacheValue> = [
  'text with ünïcödé and "quotes"',
  '',
  0,
  -12.5,
  true,
  false,
  null,
  [1, 'two', null, [3]],
  { nested: { list: [1, 2, { deep: 'yes' }], empty: {} }, flag: false },
];

export const cacheContractCases: readonly ContractCase<CacheContractSubject>[] = [
  {
    name: 'a missing key reads as undefined',
    async run({ cache }) {
      const key = uniqueName('missing');
      assert.equal(await cache.get(key), undefined);
      assert.equal(await cache.has(key), false);
    },
  },
  {
    name: 'round-trips every kind of JSON value',
    async run({ cache }) {
      const prefix = uniqueName('json');
      for (const [index, value] of jsonSamples.entries()) await cache.set(`${prefix}:${index}`, value);
      for (const [index, value] of jsonSamples.entries())
        assert.deepEqual(await cache.get(`${prefix}:${index}`), value);
    },
  },
  {
    name: 'round-trips bytes as a Uint8Array',
    async run({ cache }) {
      const key = uniqueName('bytes');
      const value = new Uint8Array(1024).map((_, index) => (index * 7) % 256);
      await cache.set(key, value);
      const read = await cache.get(key);
      assert.ok(read instanceof Uint8Array, 'bytes come back as a Uint8Array');
      assert.deepEqual(Buffer.from(read), Buffer.from(value));
    },
  },
  {
    name: 'values are copies: changing one after set or get changes nothing stored',
    async run({ cache }) {
      const key = uniqueName('copy');
      const value = { list: [1, 2] };
      await cache.set(key, value);
      value.list.push(3);
      const read = (await cache.get(key)) as { list: number[] };
      assert.deepEqual(read, { list: [1, 2] });
      read.list.push(4);
      assert.deepEqual(await cache.get(key), { list: [1, 2] });
    },
  },
  {
    name: 'refuses values JSON cannot hold, with a typed error',
    async run({ cache }) {
      const key = uniqueName('bad');
      await expectCode(cache.set(key, Number.NaN), 'INVALID_INPUT');
      await expectCode(
        cache.set(key, { when: undefined, fn: () => 1 } as unknown as CacheValue),
        'INVALID_INPUT',
      );
      assert.equal(await cache.has(key), false);
    },
  },
  {
    name: 'overwrites, deletes and reports whether a key existed',
    async run({ cache }) {
      const key = uniqueName('del');
      await cache.set(key, 1);
      await cache.set(key, 2);
      assert.equal(await cache.get(key), 2);
      assert.equal(await cache.delete(key), true);
      assert.equal(await cache.delete(key), false);
      assert.equal(await cache.has(key), false);
    },
  },
  {
    name: 'clears by prefix, or everything',
    async run({ cache }) {
      const a = uniqueName('clear-a');
      const b = uniqueName('clear-b');
      await cache.setMany([
        { key: `${a}:1`, value: 1 },
        { key: `${a}:2`, value: 2 },
        { key: `${b}:1`, value: 3 },
      ]);
      await cache.clear(`${a}:`);
      assert.deepEqual(await cache.getMany([`${a}:1`, `${a}:2`, `${b}:1`]), [undefined, undefined, 3]);
      await cache.clear();
      assert.equal(await cache.has(`${b}:1`), false);
    },
  },
  {
    name: 'getMany answers in the order asked, with undefined for missing keys',
    async run({ cache }) {
      const prefix = uniqueName('many');
      await cache.setMany([
        { key: `${prefix}:a`, value: 'A' },
        { key: `${prefix}:c`, value: new Uint8Array([1, 2, 3]) },
      ]);
      const values = await cache.getMany([`${prefix}:c`, `${prefix}:missing`, `${prefix}:a`]);
      assert.equal(values.length, 3);
      assert.deepEqual(Buffer.from(values[0] as Uint8Array), Buffer.from([1, 2, 3]));
      assert.equal(values[1], undefined);
      assert.equal(values[2], 'A');
      assert.deepEqual(await cache.getMany([]), []);
    },
  },
  {
    name: 'entries expire after their TTL and not before',
    async run({ cache, clock }) {
      const key = uniqueName('ttl');
      const forever = uniqueName('forever');
      await cache.set(key, 'short', { ttlMs: 1000 });
      await cache.setMany([
        { key: `${key}:many`, value: 'also short', ttlMs: 1000 },
        { key: forever, value: 'kept' },
      ]);
      clock.advance(999);
      assert.equal(await cache.get(key), 'short');
      clock.advance(2);
      assert.equal(await cache.get(key), undefined);
      assert.equal(await cache.has(`${key}:many`), false);
      assert.deepEqual(await cache.getMany([key, forever]), [undefined, 'kept']);
    },
  },
  {
    name: 'setting again replaces the TTL',
    async run({ cache, clock }) {
      const key = uniqueName('ttl-reset');
      await cache.set(key, 'first', { ttlMs: 100 });
      await cache.set(key, 'second');
      clock.advance(1000);
      assert.equal(await cache.get(key), 'second');
    },
  },
  {
    name: 'a large value round-trips',
    async run({ cache }) {
      const key = uniqueName('large');
      const value = new Uint8Array(2 * 1024 * 1024).map((_, index) => index % 251);
      await cache.set(key, value);
      assert.ok(Buffer.from((await cache.get(key)) as Uint8Array).equals(Buffer.from(value)));
    },
  },
  {
    name: 'hundreds of concurrent sets on different keys are all kept',
    async run({ cache }) {
      const prefix = uniqueName('parallel');
      const count = 500;
      await Promise.all(
        Array.from({ length: count }, (_, index) => cache.set(`${prefix}:${index}`, { index })),
      );
      const values = await cache.getMany(Array.from({ length: count }, (_, index) => `${prefix}:${index}`));
      for (const [index, value] of values.entries())
        assert.deepEqual(value, { index }, `key ${index} was lost`);
    },
  },
  {
    name: 'concurrent setMany batches are all kept',
    async run({ cache }) {
      const prefix = uniqueName('batches');
      await Promise.all(
        Array.from({ length: 20 }, (_, batch) =>
          cache.setMany(
            Array.from({ length: 25 }, (_, index) => ({ key: `${prefix}:${batch}:${index}`, value: batch })),
          ),
        ),
      );
      for (let batch = 0; batch < 20; batch += 1) {
        const values = await cache.getMany(
          Array.from({ length: 25 }, (_, index) => `${prefix}:${batch}:${index}`),
        );
        assert.ok(
          values.every((value) => value === batch),
          `batch ${batch} lost a write`,
        );
      }
    },
  },
  {
    name: 'append builds a list: unique moves an item to the end, maxLength drops the oldest',
    async run({ cache }) {
      const key = uniqueName('list');
      assert.deepEqual(await cache.append(key, 'a'), ['a']);
      await cache.append(key, { b: [1] });
      await cache.append(key, 'c');
      assert.deepEqual(await cache.append(key, 'a', { unique: true }), [{ b: [1] }, 'c', 'a']);
      assert.deepEqual(await cache.append(key, 'd', { maxLength: 2 }), ['a', 'd']);
      assert.deepEqual(await cache.get(key), ['a', 'd']);
      const text = uniqueName('text');
      await cache.set(text, 'not a list');
      await expectCode(cache.append(text, 'x'), 'INVALID_INPUT');
      assert.equal(await cache.get(text), 'not a list');
    },
  },
  {
    name: 'hundreds of concurrent appends to one key are all kept',
    async run({ cache }) {
      const key = uniqueName('appends');
      await Promise.all(Array.from({ length: 300 }, (_, index) => cache.append(key, index)));
      const list = (await cache.get(key)) as number[];
      assert.equal(list.length, 300);
      assert.deepEqual(
        [...list].sort((left, right) => left - right),
        Array.from({ length: 300 }, (_, index) => index),
      );
    },
  },
  {
    name: 'writes to one key issued in order take effect in order',
    async run({ cache }) {
      const key = uniqueName('order');
      const reads: Array<Promise<CacheValue | undefined>> = [];
      const writes: Array<Promise<void>> = [];
      for (let index = 0; index < 50; index += 1) {
        writes.push(cache.set(key, { index, payload: 'x'.repeat(index * 10) }));
        reads.push(cache.get(key));
      }
      await Promise.all(writes);
      const seen = await Promise.all(reads);
      seen.forEach((value, index) => {
        assert.deepEqual(
          value,
          { index, payload: 'x'.repeat(index * 10) },
          `read after write ${index} saw another value`,
        );
      });
      assert.deepEqual(await cache.get(key), { index: 49, payload: 'x'.repeat(490) });
    },
  },
  {
    name: 'a delete issued after a set wins, and a set after a delete wins',
    async run({ cache }) {
      const key = uniqueName('set-delete');
      const other = uniqueName('delete-set');
      await Promise.all([cache.set(key, 1), cache.delete(key), cache.delete(other), cache.set(other, 2)]);
      assert.equal(await cache.has(key), false);
      assert.equal(await cache.get(other), 2);
    },
  },
  {
    name: 'close finishes pending writes; later calls fail with CACHE_CLOSED',
    async run(subject) {
      const prefix = uniqueName('close');
      const pending = Array.from({ length: 100 }, (_, index) =>
        subject.cache.set(`${prefix}:${index}`, index),
      );
      await subject.cache.close();
      await Promise.all(pending);
      await expectCode(subject.cache.get(`${prefix}:0`), 'CACHE_CLOSED');
      if (subject.reopen) {
        const reopened = await subject.reopen();
        try {
          const values = await reopened.getMany(
            Array.from({ length: 100 }, (_, index) => `${prefix}:${index}`),
          );
          for (const [index, value] of values.entries())
            assert.equal(value, index, `write ${index} was lost at close`);
        } finally {
          await reopened.close();
        }
      }
    },
  },
  {
    name: 'a persistent cache keeps entries across close and reopen',
    requires: (subject) => subject.cache.capabilities.persistent,
    async run(subject) {
      assert.ok(subject.reopen, 'a persistent cache must give the suite a way to reopen it');
      const key = uniqueName('persist');
      await subject.cache.set(key, { kept: true });
      await subject.cache.close();
      const reopened = await subject.reopen();
      try {
        assert.deepEqual(await reopened.get(key), { kept: true });
      } finally {
        await reopened.close();
      }
    },
  },
];
