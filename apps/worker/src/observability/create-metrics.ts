import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface WorkerMetrics {
  readonly registry: Registry;
  readonly deliveries: Counter<'outcome'>;
  readonly jobs: Gauge<'state'>;
  readonly heals: Counter<'outcome'>;
  readonly healSeconds: Histogram<'outcome'>;
  readonly githubRequests: Counter<'status'>;
  readonly rateLimitRemaining: Gauge<'client'>;
}

/** The worker's Prometheus metrics, on a registry of its own (no global state). */
export function createMetrics(readJobCounts: () => Promise<Record<string, number>>): WorkerMetrics {
  const registry = new Registry();
  const deliveries = new Counter({
    name: 'heal_webhook_deliveries_total',
    help: 'Webhook deliveries by outcome (queued, duplicate, ignored, rejected, unauthorized, too_large, malformed)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const jobs = new Gauge({
    name: 'heal_jobs',
    help: 'Heal jobs by state',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      for (const [state, count] of Object.entries(await readJobCounts())) this.set({ state }, count);
    },
  });
  const heals = new Counter({
    name: 'heal_outcomes_total',
    help: 'Finished heals by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const healSeconds = new Histogram({
    name: 'heal_duration_seconds',
    help: 'Wall time of a heal',
    labelNames: ['outcome'],
    buckets: [5, 15, 30, 60, 120, 300, 600, 1200, 1800],
    registers: [registry],
  });
  const githubRequests = new Counter({
    name: 'heal_github_requests_total',
    help: 'GitHub API requests by status',
    labelNames: ['status'],
    registers: [registry],
  });
  const rateLimitRemaining = new Gauge({
    name: 'heal_github_rate_limit_remaining',
    help: 'x-ratelimit-remaining of the latest GitHub answer, per client (token, app, or installation id: each has its own budget)',
    labelNames: ['client'],
    registers: [registry],
  });
  return { registry, deliveries, jobs, heals, healSeconds, githubRequests, rateLimitRemaining };
}
