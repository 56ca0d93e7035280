import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// The piscina worker must be compiled JS, so these tests run the built package.
const distUrl = new URL('../dist/index.js', import.meta.url).href;
const { createSqliteJobQueue } = (await import(distUrl)) as typeof import('../src/index.js');
type Queue = ReturnType<typeof createSqliteJobQueue>;

let directory: string;
let path: string;
let clock: number;
const queues: Queue[] = [];

function openQueue(): Queue {
  const queue = createSqliteJobQueue({ path, now: () => clock });
  queues.push(queue);
  return queue;
}

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'healing-queue-'));
  path = join(directory, 'queue.sqlite');
  clock = 1_000_000;
});
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.close();
  await rm(directory, { recursive: true, force: true });
});

describe('createSqliteJobQueue', () => {
  it('records each delivery once and each key as one job', async () => {
    const queue = openQueue();
    const first = await queue.enqueue({
      deliveryId: 'd1',
      key: 'octo/app@abc',
      partition: 'octo/app',
      payload: { run: 1 },
    });
    expect(first).toMatchObject({ isDuplicateDelivery: false, isNewJob: true });
    for (let index = 0; index < 4; index += 1) {
      expect(
        await queue.enqueue({
          deliveryId: 'd1',
          key: 'octo/app@abc',
          partition: 'octo/app',
          payload: { run: 1 },
        }),
      ).toEqual({
        isDuplicateDelivery: true,
        jobId: first.jobId,
        isNewJob: false,
      });
    }
    const other = await queue.enqueue({
      deliveryId: 'd2',
      key: 'octo/app@abc',
      partition: 'octo/app',
      payload: { run: 2 },
    });
    expect(other).toEqual({ isDuplicateDelivery: false, jobId: first.jobId, isNewJob: false });
    expect(await queue.counts()).toEqual({ queued: 1, leased: 0, done: 0, failed: 0 });
    expect((await queue.get(first.jobId ?? 0))?.payloadValue).toEqual({ run: 1 });
  });

  it('leases, completes, and caps leases per partition', async () => {
    const queue = openQueue();
    await queue.enqueue({ key: 'a1', partition: 'a', payload: 'a1' });
    await queue.enqueue({ key: 'a2', partition: 'a', payload: 'a2' });
    await queue.enqueue({ key: 'b1', partition: 'b', payload: 'b1' });
    const first = await queue.lease<string>({ owner: 'w1', leaseMs: 60_000 });
    const second = await queue.lease<string>({ owner: 'w1', leaseMs: 60_000 });
    expect([first?.payload, second?.payload]).toEqual(['a1', 'b1']);
    expect(await queue.lease({ owner: 'w1', leaseMs: 60_000 })).toBeNull();
    expect(await queue.complete(first?.id ?? 0, 'w1', { outcome: 'healed' })).toBe(true);
    expect((await queue.lease<string>({ owner: 'w1', leaseMs: 60_000 }))?.payload).toBe('a2');
    expect(await queue.counts()).toEqual({ queued: 0, leased: 2, done: 1, failed: 0 });
  });

  it('hands a job whose lease ran out to the next worker, and the old owner can no longer finish it', async () => {
    const queue = openQueue();
    await queue.enqueue({ key: 'k', partition: 'p', payload: 1 });
    const taken = await queue.lease({ owner: 'crashed', leaseMs: 1000 });
    clock += 999;
    expect(await queue.lease({ owner: 'next', leaseMs: 1000 })).toBeNull();
    clock += 2;
    const resumed = await queue.lease({ owner: 'next', leaseMs: 1000 });
    expect(resumed?.id).toBe(taken?.id);
    expect(resumed?.attempts).toBe(2);
    expect(await queue.complete(taken?.id ?? 0, 'crashed')).toBe(false);
    expect(await queue.renew(taken?.id ?? 0, 'next', 1000)).toBe(true);
    expect(await queue.complete(taken?.id ?? 0, 'next')).toBe(true);
  });

  it('retries after the backoff, gives up when told, and takes back a released job without counting it', async () => {
    const queue = openQueue();
    await queue.enqueue({ key: 'retry', partition: 'p', payload: 1 });
    const job = await queue.lease({ owner: 'w', leaseMs: 1000 });
    expect(await queue.fail(job?.id ?? 0, 'w', 'github answered 502', clock + 5000)).toBe(true);
    expect(await queue.lease({ owner: 'w', leaseMs: 1000 })).toBeNull();
    clock += 5000;
    const again = await queue.lease({ owner: 'w', leaseMs: 1000 });
    expect(again?.attempts).toBe(2);
    expect(again?.lastError).toBe('github answered 502');
    expect(await queue.release(again?.id ?? 0, 'w')).toBe(true);
    const released = await queue.lease({ owner: 'w', leaseMs: 1000 });
    expect(released?.attempts).toBe(2);
    // Handed back to wait: not leasable before then, and still not counted.
    expect(await queue.release(released?.id ?? 0, 'w', { runAfter: clock + 3000 })).toBe(true);
    expect(await queue.lease({ owner: 'w', leaseMs: 1000 })).toBeNull();
    clock += 3000;
    const third = await queue.lease({ owner: 'w', leaseMs: 1000 });
    expect(third?.attempts).toBe(2);
    expect(await queue.fail(third?.id ?? 0, 'w', 'no fix found', null)).toBe(true);
    expect(await queue.counts()).toEqual({ queued: 0, leased: 0, done: 0, failed: 1 });
    expect(await queue.startedSince('p', 0)).toBe(1);
  });

  it('racing enqueues and leases: one job per key, each leased once', async () => {
    const queue = openQueue();
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        queue.enqueue({
          deliveryId: `d${index}`,
          key: `k${index % 50}`,
          partition: `p${index % 50}`,
          payload: index % 50,
        }),
      ),
    );
    expect((await queue.counts()).queued).toBe(50);
    const other = openQueue();
    const leased = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        (index % 2 === 0 ? queue : other).lease<number>({ owner: `w${index}`, leaseMs: 60_000 }),
      ),
    );
    const payloads = leased.flatMap((job) => (job ? [job.payload] : []));
    expect(payloads).toHaveLength(50);
    expect(new Set(payloads).size).toBe(50);
  });

  it('keeps queued jobs across a process killed with SIGKILL', async () => {
    const source = `import * as local from ${JSON.stringify(distUrl)};
const queue = local.createSqliteJobQueue({ path: ${JSON.stringify(path)} });
await queue.enqueue({ deliveryId: 'from-child', key: 'survivor', partition: 'p', payload: { kept: true } });
await queue.lease({ owner: 'doomed', leaseMs: 1 });
process.stdout.write('leased\\n');
setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
    clock = Date.now() + 10;
    const queue = openQueue();
    const resumed = await queue.lease<{ kept: boolean }>({ owner: 'after-restart', leaseMs: 1000 });
    expect(resumed?.payload).toEqual({ kept: true });
    expect(resumed?.attempts).toBe(2);
    expect(await queue.enqueue({ deliveryId: 'from-child', key: 'survivor', partition: 'p' })).toMatchObject({
      isDuplicateDelivery: true,
    });
  });
});
