import type { SqliteBatchResult, SqliteFailure, SqliteOperation } from './protocol.js';

export interface BatchSchedulerOptions {
  /** Sends one batch to a worker. `isWrite` batches run in one transaction. */
  readonly dispatch: (operations: readonly SqliteOperation[], isWrite: boolean) => Promise<SqliteBatchResult>;
  /** Turns a worker's failure (or a crashed worker) into the error every operation of the batch rejects with. */
  readonly toError: (failure: SqliteFailure | { kind: 'crashed'; error: unknown }) => Error;
  /** How many read-only batches may run at once (one per worker). */
  readonly readLanes: number;
  /** Most operations in one batch, so no transaction or reply grows without bound. */
  readonly maxBatchSize?: number;
  /** Read batches smaller than this are not split across workers (the split costs more than it saves). */
  readonly minSplitSize?: number;
  /** Most answers handed out in one turn of the event loop. */
  readonly settleChunk?: number;
}

export interface BatchScheduler {
  submit(operation: SqliteOperation, isWrite: boolean): Promise<unknown>;
  /** Resolves once everything submitted so far has finished. */
  drain(): Promise<void>;
}

interface Pending {
  readonly operation: SqliteOperation;
  readonly isWrite: boolean;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Coalesces the operations issued in one tick into as few worker messages as possible, and
 * keeps issue order: operations leave in FIFO order, a batch holding any write runs alone (one
 * transaction, so all of a tick's writes commit together), and only consecutive reads run side
 * by side on several workers. While a batch runs, new operations gather for the next one, so
 * batches grow with load instead of queueing one message per operation.
 */
export function createBatchScheduler(options: BatchSchedulerOptions): BatchScheduler {
  const maxBatchSize = options.maxBatchSize ?? 4096;
  const minSplitSize = options.minSplitSize ?? 256;
  const settleChunk = options.settleChunk ?? 256;
  const queue: Pending[] = [];
  let head = 0;
  let runningReads = 0;
  let isWriteRunning = false;
  let isPumpScheduled = false;
  let drainWaiters: Array<() => void> = [];

  // Answers are handed out in issue order, a chunk per turn of the event loop, so the
  // callers' continuations for a big batch never hold the loop for long.
  const answers: Array<{
    readonly batch: Pending[];
    /** The batch's results in operation order, or the error all of its operations get. */
    readonly outcome: readonly unknown[] | Error;
    next: number;
  }> = [];
  let isAnswerScheduled = false;

  const answerSome = (): void => {
    isAnswerScheduled = false;
    let budget = settleChunk;
    while (budget > 0 && answers.length > 0) {
      const item = answers[0] as (typeof answers)[number];
      const { batch, outcome } = item;
      const end = Math.min(batch.length, item.next + budget);
      for (let index = item.next; index < end; index += 1) {
        const pending = batch[index] as Pending;
        if (outcome instanceof Error) pending.reject(outcome);
        else pending.resolve(outcome[index]);
      }
      budget -= end - item.next;
      item.next = end;
      if (end === batch.length) answers.shift();
    }
    if (answers.length > 0) scheduleAnswers();
    else wakeDrainWaiters();
  };

  const scheduleAnswers = (): void => {
    if (isAnswerScheduled) return;
    isAnswerScheduled = true;
    setImmediate(answerSome);
  };

  const send = (batch: Pending[], isWrite: boolean): void => {
    if (isWrite) isWriteRunning = true;
    else runningReads += 1;
    const finish = (outcome: SqliteBatchResult | Error): void => {
      // The worker is done: the next batch may leave while this one's answers are handed out.
      if (isWrite) isWriteRunning = false;
      else runningReads -= 1;
      const answer =
        outcome instanceof Error ? outcome : outcome.ok ? outcome.results : options.toError(outcome.failure);
      answers.push({ batch, outcome: answer, next: 0 });
      answerSome();
      schedulePump();
    };
    options
      .dispatch(
        batch.map((pending) => pending.operation),
        isWrite,
      )
      .then(finish, (error: unknown) => finish(options.toError({ kind: 'crashed', error })));
  };

  const take = (count: number): Pending[] => {
    const batch = queue.slice(head, head + count);
    head += count;
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    return batch;
  };

  const pump = (): void => {
    isPumpScheduled = false;
    while (head < queue.length && !isWriteRunning) {
      const available = Math.min(queue.length - head, maxBatchSize);
      let readPrefix = 0;
      while (readPrefix < available && !queue[head + readPrefix]?.isWrite) readPrefix += 1;
      if (readPrefix === 0) {
        // A write waits for running reads (issued before it), then takes everything queued.
        if (runningReads > 0) break;
        send(take(available), true);
        break;
      }
      const freeLanes = options.readLanes - runningReads;
      if (freeLanes <= 0) break;
      const parts = Math.max(1, Math.min(freeLanes, Math.floor(readPrefix / minSplitSize)));
      const size = Math.ceil(readPrefix / parts);
      for (let sent = 0; sent < readPrefix; sent += size)
        send(take(Math.min(size, readPrefix - sent)), false);
    }
    wakeDrainWaiters();
  };

  function isIdle(): boolean {
    return head === queue.length && runningReads === 0 && !isWriteRunning && answers.length === 0;
  }

  function wakeDrainWaiters(): void {
    if (!isIdle()) return;
    queue.length = 0;
    head = 0;
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const wake of waiters) wake();
  }

  const schedulePump = (): void => {
    if (isPumpScheduled) return;
    isPumpScheduled = true;
    setImmediate(pump);
  };

  return {
    submit(operation, isWrite) {
      return new Promise((resolve, reject) => {
        queue.push({ operation, isWrite, resolve, reject });
        schedulePump();
      });
    },
    drain() {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => {
        drainWaiters.push(resolve);
        schedulePump();
      });
    },
  };
}
