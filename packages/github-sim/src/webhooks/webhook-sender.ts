import { randomUUID } from 'node:crypto';
import { HealingError } from '@healing/adapters';
import type { WebhookDeliveryRecord } from '../types.js';
import { signPayload } from './sign-payload.js';

export interface WebhookSender {
  /** Queues a delivery; deliveries go out one at a time, in the order they were sent. */
  send(event: string, payload: Record<string, unknown>): void;
  deliveries(): readonly WebhookDeliveryRecord[];
  redeliver(deliveryId: string): Promise<void>;
  /** Resolves once every queued delivery has been attempted. */
  idle(): Promise<void>;
}

/** A receiver that does not answer within this is recorded as failed, as GitHub's 10-second timeout does. */
const DELIVERY_TIMEOUT_MS = 10_000;

export interface WebhookTarget {
  readonly url: string;
  readonly secret: string;
}

export function createWebhookSender(options: {
  /** Where deliveries go, read at each delivery; nothing is sent (or logged) while it is undefined. */
  target: () => WebhookTarget | undefined;
  now: () => number;
  hookId: number;
  /** `integration` (with the App id) for an App's webhook, `repository` for a repository's. */
  installationTarget: { readonly type: 'integration'; readonly id: number } | { readonly type: 'repository' };
}): WebhookSender {
  const log: WebhookDeliveryRecord[] = [];
  let queue: Promise<void> = Promise.resolve();

  async function deliver(
    event: string,
    payload: Record<string, unknown>,
    guid: string,
    isRedelivery: boolean,
  ): Promise<void> {
    const target = options.target();
    if (!target) return;
    const body = JSON.stringify(payload);
    const started = performance.now();
    const action = typeof payload.action === 'string' ? payload.action : null;
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'GitHub-Hookshot/github-sim',
          'x-github-event': event,
          'x-github-delivery': guid,
          'x-github-hook-id': String(options.hookId),
          'x-github-hook-installation-target-type': options.installationTarget.type,
          ...('id' in options.installationTarget
            ? { 'x-github-hook-installation-target-id': String(options.installationTarget.id) }
            : {}),
          'x-hub-signature-256': signPayload(target.secret, body),
        },
        body,
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      statusCode = response.status;
      await response.arrayBuffer();
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    log.push({
      id: isRedelivery ? randomUUID() : guid,
      guid,
      event,
      action,
      payload,
      redelivery: isRedelivery,
      statusCode,
      error,
      deliveredAt: new Date(options.now()).toISOString(),
      durationMs: performance.now() - started,
    });
  }

  function enqueue(task: () => Promise<void>): Promise<void> {
    const next = queue.then(task);
    queue = next.catch(() => {});
    return next;
  }

  return {
    send(event, payload) {
      void enqueue(() => deliver(event, payload, randomUUID(), false));
    },
    deliveries: () => log,
    redeliver(deliveryId) {
      const original =
        log.find((entry) => entry.id === deliveryId) ?? log.find((entry) => entry.guid === deliveryId);
      if (!original) {
        return Promise.reject(
          new HealingError('NOT_FOUND', `no webhook delivery ${deliveryId}; pick an id from deliveries()`),
        );
      }
      return enqueue(() =>
        deliver(original.event, original.payload as Record<string, unknown>, original.guid, true),
      );
    },
    idle: () => queue,
  };
}
