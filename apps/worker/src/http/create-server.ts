import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { WorkerMetrics } from '../observability/create-metrics.js';
import { type DeliveryReceiver, receiveDelivery } from '../webhooks/receive-delivery.js';

export interface ServerOptions {
  /** Null when the worker only polls. */
  readonly receiver: DeliveryReceiver | null;
  readonly metrics: WorkerMetrics;
  readonly logger: Logger;
  /** Ready once the queue opened and, for an App, installations were read. */
  readonly isReady: () => boolean;
}

/** POST /webhooks, GET /healthz, /readyz and /metrics; everything else is 404. */
export function createWorkerServer(options: ServerOptions): Server {
  const { metrics, logger } = options;
  return createServer((request, response) => {
    const route = `${request.method} ${(request.url ?? '/').split('?')[0]}`;
    const handle = async (): Promise<void> => {
      switch (route) {
        case 'GET /healthz':
          return json(response, 200, { status: 'ok' });
        case 'GET /readyz':
          return options.isReady()
            ? json(response, 200, { status: 'ready' })
            : json(response, 503, { status: 'starting' });
        case 'GET /metrics': {
          const text = await metrics.registry.metrics();
          response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
          return;
        }
        case 'POST /webhooks': {
          if (!options.receiver)
            return json(response, 404, { message: 'webhooks are off: this worker polls' });
          const started = performance.now();
          const answer = await receiveDelivery(request, options.receiver);
          metrics.deliveries.inc({ outcome: answer.outcome });
          logger.info(
            {
              delivery: request.headers['x-github-delivery'],
              event: request.headers['x-github-event'],
              status: answer.status,
              outcome: answer.outcome,
              ms: Math.round(performance.now() - started),
            },
            'webhook delivery',
          );
          // A refused body may still be arriving: close the connection instead of reading it.
          if (answer.outcome === 'too_large') response.setHeader('connection', 'close');
          return json(response, answer.status, answer.body);
        }
        default:
          return json(response, 404, { message: `no route ${route}` });
      }
    };
    handle().catch((error: unknown) => {
      logger.error({ err: error, route }, 'request failed');
      if (!response.headersSent) json(response, 500, { message: 'internal error' });
    });
  });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
