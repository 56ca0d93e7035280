// Cache throughput and event-loop delay: better-sqlite3 on the main thread (a), a piscina
// pool with one task per operation (b), and the shipped cache (c), at 1, 64 and 1024
// operations in flight. Prints a table and writes bench-results/cache.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { serializeJsonValue } from '@healing/adapters';
import { Piscina } from 'piscina';
import { cacheOperations } from '../dist/cache/cache-operations.js';
import { openConnection } from '../dist/cache/sqlite-connection.js';
import { SQLITE_WORKER_URL } from '../dist/cache/sqlite-pool.js';
import { createSqliteCache } from '../dist/index.js';

const Database = createRequire(import.meta.url)('better-sqlite3');
const KEYS = 10_000;
const LEVELS = [1, 64, 1024];
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 800);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MAX_OPS = 2_000_000;
const THREADS = Number(process.env.BENCH_THREADS ?? 0) || undefined;
const directory = mkdtempSync(join(tmpdir(), 'healing-cache-bench-'));
const entryValue = (index) => ({ index, name: `entry ${index}`, tags: ['a', 'b', 'c'], score: index / 7 });
const keyOf = (index) => `bench:${index}`;
let seed = 42;
const randomKey = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return keyOf(seed % KEYS);
};

/** Keeps `inFlight` operations running until the time or the op budget is spent. */
async function drive(operation, inFlight) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let done = 0;
  delay.enable();
  // The histogram's first timer turn only sets its reference point; let it happen before the load.
  await new Promise((resolve) => setTimeout(resolve, 5));
  const deadline = performance.now() + RUN_MS;
  const started = performance.now();
  const lane = async () => {
    while (done < MAX_OPS && performance.now() < deadline) {
      await operation();
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const seconds = (performance.now() - started) / 1000;
  // One more turn of the loop, so a run that never yielded records its one long stall.
  await new Promise((resolve) => setTimeout(resolve, 20));
  delay.disable();
  const ms = (nanoseconds) => Math.round((nanoseconds / 1e6) * 100) / 100;
  return {
    opsPerSecond: Math.round(done / seconds),
    loopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
  };
}

function mainThreadCache(file) {
  const connection = openConnection(Database, file, cacheOperations);
  return {
    name: 'a: main thread, sync',
    get: async (key) => {
      const stored = connection.execute('get', [key, Date.now()]);
      return stored === null ? undefined : JSON.parse(stored);
    },
    // Autocommit: one transaction per set, as a caller without batching would do.
    set: async (key, value) => connection.execute('set', [key, serializeJsonValue(value), null]),
    close: async () => connection.db.close(),
  };
}

function naivePool(file, threads) {
  const pool = new Piscina({ filename: SQLITE_WORKER_URL.href, minThreads: threads, maxThreads: threads });
  const one = async (name, args, isWrite) => {
    const result = await pool.run({ file, operationSet: 'cache', isWrite, operations: [{ name, args }] });
    if (!result.ok) throw new Error(result.failure.message);
    return result.results[0];
  };
  return {
    name: 'b: pool, task per op',
    get: async (key) => {
      const stored = await one('get', [key, Date.now()], false);
      return stored === null ? undefined : JSON.parse(stored);
    },
    set: (key, value) => one('set', [key, serializeJsonValue(value), null], true),
    close: () => pool.close(),
  };
}

function shippedCache(file, threads) {
  const cache = createSqliteCache({ path: file, ...(threads ? { threads } : {}) });
  return {
    name: 'c: shipped cache',
    get: (key) => cache.get(key),
    set: (key, value) => cache.set(key, value),
    close: () => cache.close(),
  };
}

async function prefill(file) {
  const cache = createSqliteCache({ path: file, threads: 1 });
  await cache.setMany(
    Array.from({ length: KEYS }, (_, index) => ({ key: keyOf(index), value: entryValue(index) })),
  );
  await cache.close();
}

const rows = [];
const started = performance.now();
try {
  const probe = createSqliteCache({
    path: join(directory, 'probe.sqlite'),
    ...(THREADS ? { threads: THREADS } : {}),
  });
  await probe.close();
  const threads = THREADS ?? Math.max(1, Math.min(4, (await import('node:os')).availableParallelism() - 1));
  // Every cell runs ROUNDS times, the subjects taking turns, and the median is kept: on a
  // shared machine the load shifts during a run, and turns spread it over all subjects alike.
  const makers = [mainThreadCache, (file) => naivePool(file, threads), (file) => shippedCache(file, THREADS)];
  const subjects = [];
  for (const [index, make] of makers.entries()) {
    const file = join(directory, `cache-${index}.sqlite`);
    await prefill(file);
    const subject = make(file);
    // Warm up: open connections, prepare statements, start workers.
    for (let warm = 0; warm < 200; warm += 1) await subject.get(randomKey());
    subjects.push(subject);
  }
  const samples = new Map();
  const record = (key, result) => samples.set(key, [...(samples.get(key) ?? []), result]);
  for (let round = 0; round < ROUNDS; round += 1) {
    // The noise floor: event-loop delay with no cache work at all, measured in this same run.
    record('idle: no cache work|-|0', await drive(() => new Promise((resolve) => setTimeout(resolve, 1)), 1));
    for (const operation of ['get', 'set']) {
      for (const inFlight of LEVELS) {
        for (const subject of subjects) {
          let counter = 0;
          const run =
            operation === 'get'
              ? () => subject.get(randomKey())
              : () => {
                  counter += 1;
                  return subject.set(randomKey(), entryValue(counter));
                };
          record(`${subject.name}|${operation}|${inFlight}`, await drive(run, inFlight));
        }
      }
    }
  }
  for (const subject of subjects) await subject.close();
  const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  for (const [key, results] of samples) {
    const [subject, operation, inFlight] = key.split('|');
    rows.push({
      subject,
      operation,
      inFlight: Number(inFlight),
      opsPerSecond: median(results.map((result) => result.opsPerSecond)),
      loopDelayMs: {
        p50: median(results.map((result) => result.loopDelayMs.p50)),
        p99: median(results.map((result) => result.loopDelayMs.p99)),
        max: Math.max(...results.map((result) => result.loopDelayMs.max)),
      },
    });
  }
  rows.sort((x, y) => (x.subject === y.subject ? 0 : x.subject < y.subject ? -1 : 1));
  const idle = rows.find((row) => row.subject.startsWith('idle'));
  const find = (prefix, operation, inFlight) =>
    rows.find(
      (row) => row.subject.startsWith(prefix) && row.operation === operation && row.inFlight === inFlight,
    );
  const ratio = (top, bottom) => Math.round((top.opsPerSecond / bottom.opsPerSecond) * 100) / 100;
  const shippedRows = rows.filter((row) => row.subject.startsWith('c'));
  const checks = [
    {
      check: 'c/a get throughput at 1024 in flight',
      value: ratio(find('c', 'get', 1024), find('a', 'get', 1024)),
      target: '>= 0.6',
    },
    {
      check: 'c/b get throughput at 1024 in flight',
      value: ratio(find('c', 'get', 1024), find('b', 'get', 1024)),
      target: '>= 8',
    },
    {
      check: 'c/a set throughput at 1024 in flight',
      value: ratio(find('c', 'set', 1024), find('a', 'set', 1024)),
      target: '>= 1',
    },
    {
      check: 'c worst event-loop p99 (ms)',
      value: Math.max(...shippedRows.map((row) => row.loopDelayMs.p99)),
      target: '< 5',
    },
    {
      check: 'idle event-loop p99 (ms), the noise floor',
      value: idle.loopDelayMs.p99,
      target: 'for reference',
    },
    {
      check: 'a shortest event-loop max stall / run length',
      value:
        Math.round(
          (Math.min(...rows.filter((row) => row.subject.startsWith('a')).map((row) => row.loopDelayMs.max)) /
            RUN_MS) *
            100,
        ) / 100,
      target: '~1 (blocks the whole run)',
    },
  ];
  const meets = (value, target) =>
    target.startsWith('>= ')
      ? value >= Number(target.slice(3))
      : target.startsWith('< ')
        ? value < Number(target.slice(2))
        : null;
  for (const item of checks) item.met = meets(item.value, item.target);

  console.log(
    `cache bench: ${KEYS} keys, ${RUN_MS} ms per cell, median of ${ROUNDS} rounds (loop max: worst round), ${threads} worker thread(s), node ${process.version}`,
  );
  console.table(
    rows.map((row) => ({
      subject: row.subject,
      op: row.operation,
      'in flight': row.inFlight,
      'ops/s': row.opsPerSecond,
      'loop p50 ms': row.loopDelayMs.p50,
      'loop p99 ms': row.loopDelayMs.p99,
      'loop max ms': row.loopDelayMs.max,
    })),
  );
  console.table(checks);
  mkdirSync(new URL('../bench-results/', import.meta.url), { recursive: true });
  const output = new URL('../bench-results/cache.json', import.meta.url);
  writeFileSync(
    output,
    `${JSON.stringify(
      {
        bench: 'cache',
        date: new Date().toISOString(),
        node: process.version,
        threads,
        runMs: RUN_MS,
        rounds: ROUNDS,
        keys: KEYS,
        rows,
        checks,
        totalSeconds: Math.round((performance.now() - started) / 1000),
      },
      null,
      2,
    )}\n`,
  );
  console.log(`wrote ${output.pathname}`);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
