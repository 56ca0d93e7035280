import type { IncomingMessage } from 'node:http';
import type { EnqueueOutcome } from '@healing/local';
import { verify } from '@octokit/webhooks-methods';
import { BodyTooLargeError, readBody } from '../http/read-body.js';
import type { InstallationRegistry } from '../installations/installation-registry.js';
import { classifyDelivery, type DeliveryPolicy } from './classify-delivery.js';
import { type HealJob, healJobKey } from './heal-job.js';

export interface DeliveryReceiver {
  readonly secret: string;
  readonly maxBodyBytes: number;
  readonly policy: DeliveryPolicy;
  readonly enqueue: (request: { deliveryId: string; job: HealJob | null }) => Promise<EnqueueOutcome>;
  /** A GitHub App's installations: kept current by `installation` events, re-read for a new one. */
  readonly installations?: Pick<InstallationRegistry, 'apply' | 'confirm'>;
}

export interface DeliveryAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** For the metrics label: what became of the delivery. */
  readonly outcome:
    | 'queued'
    | 'duplicate'
    | 'ignored'
    | 'rejected'
    | 'unauthorized'
    | 'too_large'
    | 'malformed';
}

/** The longest a delivery naming a new installation waits for GitHub to list installations. */
const CONFIRM_DEADLINE_MS = 1500;

/**
 * Answers one webhook delivery: verifies the signature before anything else is read into
 * memory or stored, then records the delivery (and its job) in the durable queue. The heal
 * itself happens later; this answers in milliseconds.
 */
export async function receiveDelivery(
  request: IncomingMessage,
  receiver: DeliveryReceiver,
): Promise<DeliveryAnswer> {
  const eventName = header(request, 'x-github-event');
  const deliveryId = header(request, 'x-github-delivery');
  const signature = header(request, 'x-hub-signature-256');
  if (!signature) return answer(401, 'unauthorized', 'missing X-Hub-Signature-256');
  if (!eventName || !deliveryId)
    return answer(400, 'malformed', 'missing X-GitHub-Event or X-GitHub-Delivery');
  let body: Buffer;
  try {
    body = await readBody(request, receiver.maxBodyBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer(413, 'too_large', error.message);
    throw error;
  }
  const text = body.toString('utf8');
  if (!(await verify(receiver.secret, text, signature).catch(() => false))) {
    return answer(401, 'unauthorized', 'the signature does not match the body');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return answer(400, 'malformed', 'the body is not JSON');
  }
  let policy = receiver.policy;
  if (receiver.installations) {
    receiver.installations.apply(eventName, payload);
    const installationId = eventName === 'workflow_run' ? installationIdOf(payload) : null;
    if (installationId !== null && !policy.isKnownInstallation(installationId)) {
      // Perhaps installed a moment ago: the list is read again, briefly. If GitHub cannot say in
      // time, the signed delivery is queued and the job runner checks before it heals anything:
      // GitHub does not redeliver a failed delivery by itself.
      const verdict = await receiver.installations.confirm(installationId, {
        deadlineMs: CONFIRM_DEADLINE_MS,
      });
      if (verdict !== 'not-served') policy = { ...policy, isKnownInstallation: () => true };
    }
  }
  const decision = classifyDelivery(eventName, payload, policy);
  if (decision.kind === 'reject') return answer(decision.status, 'rejected', decision.reason);
  if (decision.kind === 'ignore')
    return { status: 202, outcome: 'ignored', body: { ignored: decision.reason } };
  const outcome = await receiver.enqueue({ deliveryId, job: decision.job });
  if (outcome.isDuplicateDelivery)
    return { status: 200, outcome: 'duplicate', body: { duplicate: deliveryId, job: outcome.jobId } };
  return {
    status: 202,
    outcome: outcome.isNewJob ? 'queued' : 'duplicate',
    body: { queued: outcome.jobId, key: healJobKey(decision.job), isNewJob: outcome.isNewJob },
  };
}

function installationIdOf(payload: unknown): number | null {
  const id = (payload as { installation?: { id?: unknown } } | null)?.installation?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function answer(status: number, outcome: DeliveryAnswer['outcome'], message: string): DeliveryAnswer {
  return { status, outcome, body: { message } };
}
