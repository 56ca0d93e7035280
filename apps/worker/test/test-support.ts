import { Writable } from 'node:stream';
import type { SqliteJobQueue } from '@healing/local';
import { type DeliveryPolicy, OWN_BRANCH_PREFIXES } from '../src/webhooks/classify-delivery.js';
import { type HealJob, healJobKey } from '../src/webhooks/heal-job.js';

/** A policy that heals every branch of every repository (the tests narrow what they check). */
export function openPolicy(
  isKnownInstallation: DeliveryPolicy['isKnownInstallation'] = () => true,
): DeliveryPolicy {
  return {
    allowForks: false,
    branches: [],
    ignoreBranches: [],
    repositories: [],
    ownBranchPrefixes: OWN_BRANCH_PREFIXES,
    isKnownInstallation,
  };
}

/** Queues a delivery (and its job, if any) as the worker does. */
export function enqueueInto(queue: SqliteJobQueue) {
  return ({ deliveryId, job }: { deliveryId: string; job: HealJob | null }) =>
    queue.enqueue({
      deliveryId,
      ...(job ? { key: healJobKey(job), partition: job.repository, payload: job } : {}),
    });
}

/** A log destination that keeps every line, to assert on what was (and was not) logged. */
export function logSink(): { readonly lines: string[]; readonly destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

/** Polls `probe` until it answers something other than null; fails naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
