import { describe, expect, it } from 'vitest';
import { createBatchScheduler } from './batch-scheduler.js';
import type { SqliteBatchResult, SqliteOperation } from './protocol.js';

interface Sent {
  readonly names: string[];
  readonly isWrite: boolean;
}

/** A dispatcher that answers each operation with its name, after a macrotask, recording every batch. */
function recorder(lanes = 2) {
  const sent: Sent[] = [];
  let running = 0;
  let maxRunning = 0;
  const scheduler = createBatchScheduler({
    readLanes: lanes,
    minSplitSize: 4,
    toError: (failure) => new Error(failure.kind === 'crashed' ? 'crashed' : failure.message),
    dispatch: async (operations: readonly SqliteOperation[], isWrite): Promise<SqliteBatchResult> => {
      sent.push({ names: operations.map((operation) => operation.name), isWrite });
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setImmediate(resolve));
      running -= 1;
      if (operations.some((operation) => operation.name === 'fail')) {
        return { ok: false, failure: { kind: 'internal', message: 'boom' } };
      }
      return { ok: true, results: operations.map((operation) => operation.name) };
    },
  });
  return { scheduler, sent, maxRunning: () => maxRunning };
}

describe('batch scheduler', () => {
  it('sends the operations of one tick as one batch, answering each in order', async () => {
    const { scheduler, sent } = recorder();
    const answers = await Promise.all(
      ['w1', 'r1', 'w2', 'r2'].map((name) => scheduler.submit({ name, args: [] }, name.startsWith('w'))),
    );
    expect(answers).toEqual(['w1', 'r1', 'w2', 'r2']);
    expect(sent).toEqual([{ names: ['w1', 'r1', 'w2', 'r2'], isWrite: true }]);
  });

  it('reads before a write finish before the write starts; reads after it wait for it', async () => {
    const { scheduler, sent, maxRunning } = recorder();
    const reads = Array.from({ length: 8 }, (_, index) =>
      scheduler.submit({ name: `r${index}`, args: [] }, false),
    );
    const write = scheduler.submit({ name: 'w', args: [] }, true);
    await Promise.all([...reads, write]);
    // Eight reads split over two lanes, then the write alone.
    expect(sent).toEqual([
      { names: ['r0', 'r1', 'r2', 'r3'], isWrite: false },
      { names: ['r4', 'r5', 'r6', 'r7'], isWrite: false },
      { names: ['w'], isWrite: true },
    ]);
    expect(maxRunning()).toBe(2);
  });

  it('operations issued while a batch runs gather into the next batch', async () => {
    const { scheduler, sent } = recorder(1);
    const first = scheduler.submit({ name: 'a', args: [] }, true);
    await new Promise((resolve) => setImmediate(resolve));
    const later = ['b', 'c', 'd'].map((name) => scheduler.submit({ name, args: [] }, true));
    await Promise.all([first, ...later]);
    expect(sent.map((batch) => batch.names)).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('a failed batch rejects all its operations and leaves the next batch unharmed', async () => {
    const { scheduler } = recorder();
    const doomed = [
      scheduler.submit({ name: 'ok', args: [] }, true),
      scheduler.submit({ name: 'fail', args: [] }, true),
    ];
    const outcomes = await Promise.allSettled(doomed);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(await scheduler.submit({ name: 'fine', args: [] }, true)).toBe('fine');
  });

  it('drain waits for everything submitted', async () => {
    const { scheduler } = recorder();
    const settled: string[] = [];
    for (const name of ['x', 'y'])
      void scheduler.submit({ name, args: [] }, true).then(() => settled.push(name));
    await scheduler.drain();
    await Promise.resolve();
    expect(settled).toEqual(['x', 'y']);
    await scheduler.drain();
  });
});

describe('batch scheduler answers', () => {
  it('hands out a big batch in issue order, a chunk per turn of the event loop', async () => {
    const scheduler = createBatchScheduler({
      readLanes: 1,
      settleChunk: 100,
      toError: () => new Error('unexpected'),
      dispatch: async (operations) => ({ ok: true, results: operations.map((operation) => operation.name) }),
    });
    const order: string[] = [];
    const answered = Array.from({ length: 250 }, (_, index) =>
      scheduler.submit({ name: `op${index}`, args: [] }, true).then((name) => order.push(String(name))),
    );
    // Once the first chunk is out, a turn of the loop runs before the rest.
    await answered[0];
    const seenAtFirst = order.length;
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(answered);
    expect(seenAtFirst).toBe(100);
    expect(order).toEqual(Array.from({ length: 250 }, (_, index) => `op${index}`));
  });
});
