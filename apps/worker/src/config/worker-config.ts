import { ConfigError } from '@healing/adapters';
import { z } from 'zod';

const list = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );
const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('')
  .transform((text) => text === 'true' || text === '1');
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** Node's timers take at most 2^31 - 1 ms (a longer one fires at once); "" means unset. */
const milliseconds = (fallback: number, min: number) =>
  z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce
      .number()
      .int()
      .min(min, `must be at least ${min} ms`)
      .max(2_147_483_647, 'must be at most 2147483647 ms (about 24 days)')
      .default(fallback),
  );

/** Every setting of the worker, read from environment variables (names documented in the README). */
const WorkerEnvSchema = z.object({
  HEAL_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  HEAL_GITHUB_TOKEN: z.string().min(1).optional(),
  HEAL_GITHUB_APP_ID: z.string().regex(/^\d+$/, 'must be the numeric App id').optional(),
  HEAL_GITHUB_APP_PRIVATE_KEY: z
    .string()
    .includes('PRIVATE KEY', { message: 'must be the App private key in PEM form' })
    .optional(),
  HEAL_GITHUB_API_URL: z.url().default('https://api.github.com'),
  HEAL_HOST: z.string().min(1).default('0.0.0.0'),
  HEAL_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HEAL_DATA_DIR: z.string().min(1).default('.heal-worker'),
  HEAL_MAX_BODY_BYTES: positiveInt(5 * 1024 * 1024),
  HEAL_ALLOW_FORKS: flag,
  HEAL_BRANCHES: list,
  HEAL_IGNORE_BRANCHES: list,
  HEAL_REPOSITORIES: list,
  HEAL_INSTALLATION_IDS: list,
  HEAL_POLL_INTERVAL_MS: z.coerce.number().int().min(0).default(0),
  HEAL_CONCURRENCY_PER_REPOSITORY: positiveInt(1),
  HEAL_MAX_HEALS_PER_DAY: positiveInt(20),
  HEAL_MAX_MODEL_TOKENS_PER_DAY: positiveInt(500_000),
  HEAL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEAL_SHUTDOWN_GRACE_MS: milliseconds(30_000, 0),
  // Renewed at a third of its length, at most once a second: shorter leases could lapse mid-heal.
  HEAL_LEASE_MS: milliseconds(900_000, 3000),
  HEAL_ACTIONS_POLL_MS: milliseconds(5000, 1),
});

export type WorkerEnv = z.output<typeof WorkerEnvSchema>;

export interface WorkerConfig {
  readonly webhookSecret: string | null;
  readonly auth:
    | { readonly kind: 'token'; readonly token: string }
    | { readonly kind: 'app'; readonly appId: string; readonly privateKey: string };
  readonly apiUrl: string;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly maxBodyBytes: number;
  readonly allowForks: boolean;
  /** Branch globs the worker may heal (empty: all); its own `heal/` branches never. */
  readonly branches: readonly string[];
  readonly ignoreBranches: readonly string[];
  /** `owner/name` the worker serves; empty: every repository its installations reach. */
  readonly repositories: readonly string[];
  /** App installations served; empty: any installation the App's deliveries name. */
  readonly installationIds: readonly number[];
  /** 0: no polling (webhooks only). */
  readonly pollIntervalMs: number;
  readonly concurrencyPerRepository: number;
  readonly maxHealsPerDay: number;
  readonly maxModelTokensPerDay: number;
  readonly logLevel: WorkerEnv['HEAL_LOG_LEVEL'];
  /** How long running heals may finish on SIGTERM before they are handed back. */
  readonly shutdownGraceMs: number;
  readonly leaseMs: number;
  /** First wait between polls of an Actions run. */
  readonly actionsPollMs: number;
  /** Values to redact from every log line and error. */
  readonly secrets: readonly string[];
}

/** Reads and checks the worker's settings; a ConfigError names each bad or missing variable. */
export function loadWorkerConfig(env: Readonly<Record<string, string | undefined>>): WorkerConfig {
  const parsed = WorkerEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`worker configuration is invalid: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  const values = parsed.data;
  const auth = authOf(values);
  if (values.HEAL_WEBHOOK_SECRET === undefined && values.HEAL_POLL_INTERVAL_MS === 0) {
    throw new ConfigError(
      'the worker has no way to hear about failed runs: set HEAL_WEBHOOK_SECRET (webhooks) or HEAL_POLL_INTERVAL_MS with HEAL_REPOSITORIES (polling)',
    );
  }
  // An App finds its repositories through its installations; a token cannot know which to poll.
  if (values.HEAL_POLL_INTERVAL_MS > 0 && auth.kind === 'token' && values.HEAL_REPOSITORIES.length === 0) {
    throw new ConfigError(
      'HEAL_POLL_INTERVAL_MS is set with a token but HEAL_REPOSITORIES is empty: list the owner/name repositories to poll',
    );
  }
  const badInstallation = values.HEAL_INSTALLATION_IDS.find((id) => !/^\d+$/.test(id));
  if (badInstallation !== undefined) {
    throw new ConfigError(`HEAL_INSTALLATION_IDS: "${badInstallation}" is not an installation id (a number)`);
  }
  const badRepository = values.HEAL_REPOSITORIES.find((name) => !/^[\w.-]+\/[\w.-]+$/.test(name));
  if (badRepository !== undefined) {
    throw new ConfigError(`HEAL_REPOSITORIES: "${badRepository}" is not owner/name`);
  }
  return {
    webhookSecret: values.HEAL_WEBHOOK_SECRET ?? null,
    auth,
    apiUrl: values.HEAL_GITHUB_API_URL,
    host: values.HEAL_HOST,
    port: values.HEAL_PORT,
    dataDir: values.HEAL_DATA_DIR,
    maxBodyBytes: values.HEAL_MAX_BODY_BYTES,
    allowForks: values.HEAL_ALLOW_FORKS,
    branches: values.HEAL_BRANCHES,
    ignoreBranches: values.HEAL_IGNORE_BRANCHES,
    repositories: values.HEAL_REPOSITORIES,
    installationIds: values.HEAL_INSTALLATION_IDS.map(Number),
    pollIntervalMs: values.HEAL_POLL_INTERVAL_MS,
    concurrencyPerRepository: values.HEAL_CONCURRENCY_PER_REPOSITORY,
    maxHealsPerDay: values.HEAL_MAX_HEALS_PER_DAY,
    maxModelTokensPerDay: values.HEAL_MAX_MODEL_TOKENS_PER_DAY,
    logLevel: values.HEAL_LOG_LEVEL,
    shutdownGraceMs: values.HEAL_SHUTDOWN_GRACE_MS,
    leaseMs: values.HEAL_LEASE_MS,
    actionsPollMs: values.HEAL_ACTIONS_POLL_MS,
    secrets: [
      values.HEAL_WEBHOOK_SECRET,
      values.HEAL_GITHUB_TOKEN,
      values.HEAL_GITHUB_APP_PRIVATE_KEY,
    ].filter((value): value is string => value !== undefined),
  };
}

function authOf(values: WorkerEnv): WorkerConfig['auth'] {
  if (values.HEAL_GITHUB_APP_ID !== undefined || values.HEAL_GITHUB_APP_PRIVATE_KEY !== undefined) {
    if (values.HEAL_GITHUB_APP_ID === undefined || values.HEAL_GITHUB_APP_PRIVATE_KEY === undefined) {
      throw new ConfigError(
        'a GitHub App needs both HEAL_GITHUB_APP_ID and HEAL_GITHUB_APP_PRIVATE_KEY: set the missing one',
      );
    }
    return { kind: 'app', appId: values.HEAL_GITHUB_APP_ID, privateKey: values.HEAL_GITHUB_APP_PRIVATE_KEY };
  }
  if (values.HEAL_GITHUB_TOKEN !== undefined) return { kind: 'token', token: values.HEAL_GITHUB_TOKEN };
  throw new ConfigError(
    'no GitHub credentials: set HEAL_GITHUB_APP_ID and HEAL_GITHUB_APP_PRIVATE_KEY (a GitHub App, recommended) or HEAL_GITHUB_TOKEN',
  );
}
