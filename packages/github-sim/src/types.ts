/** Public types of the simulator: options, log entries, faults, runs and webhook deliveries. */

export interface RepositorySpec {
  readonly owner: string;
  readonly name: string;
  /** A local git repository to clone (bare) as the starting content; without it the repo starts with one README commit. */
  readonly seedFrom?: string;
  /** Defaults to the seed's HEAD branch, or `main`. */
  readonly defaultBranch?: string;
}

/** Permission levels as GitHub names them in `permissions` objects. */
export type AppPermissions = Readonly<Record<string, 'read' | 'write' | 'admin'>>;

export interface InstallationSpec {
  readonly id: number;
  /** The user or organisation the App is installed on. */
  readonly account: string;
  /** `'all'` or the names of the repositories under `account` the installation may reach. */
  readonly repositories: 'all' | readonly string[];
  /** A suspended installation cannot mint tokens (403). */
  readonly suspended?: boolean;
  /** What its tokens may do; reported in answers, not enforced. Defaults to contents, pull requests, issues, actions and workflows write, metadata read. */
  readonly permissions?: AppPermissions;
}

export interface GitHubAppSpec {
  /** The App id; a JWT's `iss` must equal it (number or numeric string). */
  readonly id: number;
  /** Default `heal-bot`; writes made with its installation tokens are by `<slug>[bot]`, type `Bot`. */
  readonly slug?: string;
  /** PEM (SPKI) of the App's key pair: JWTs must be RS256-signed by its private key. */
  readonly publicKey: string;
  readonly installations: readonly InstallationSpec[];
  /** Installation token lifetime; default 1 hour, as on GitHub. */
  readonly tokenTtlMs?: number;
}

/** An installation access token the simulator minted, without the token itself. */
export interface InstallationTokenRecord {
  readonly installationId: number;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly repositorySelection: 'all' | 'selected';
  /** Repository names the token was narrowed to, or undefined for the installation's whole reach. */
  readonly repositoryNames: readonly string[] | undefined;
  readonly permissions: AppPermissions;
}

export interface GitHubSimulatorOptions {
  /** 0 (the default) picks a free port; the server always binds 127.0.0.1. */
  readonly port?: number;
  readonly repositories: readonly RepositorySpec[];
  readonly webhook?: { readonly url: string; readonly secret: string };
  /** When set, every request must carry it (`Authorization: token …` or `Bearer …`), else 401. */
  readonly token?: string;
  /**
   * A GitHub App: JWTs signed by its key reach the `/app` routes, and the installation tokens they
   * mint reach the installations' repositories. Works beside `token`; with an App every request
   * needs a credential.
   */
  readonly app?: GitHubAppSpec;
  /**
   * The core rate limit reported in `x-ratelimit-*` (5,000 per hour by default). With `enforce`,
   * requests past the limit answer 403 with remaining 0 until the window resets, as GitHub does.
   */
  readonly rateLimit?: { readonly limit?: number; readonly windowMs?: number; readonly enforce?: boolean };
  /** GitHub's recursive-tree limits: 100,000 entries and 7 MB by default. */
  readonly treeLimits?: { readonly maxEntries?: number; readonly maxBytes?: number };
  readonly actions?: {
    /** Runs beyond this wait in `queued`; default 2. */
    readonly maxConcurrentRuns?: number;
    /** A run still going after this is cancelled (conclusion `cancelled`); default 10 minutes. */
    readonly runTimeoutMs?: number;
    /**
     * A dispatch answered 204 creates its run only after this delay, as GitHub's runs appear a few
     * seconds late (so clients must poll for them); default 0. With `return_run_details` the run exists at once.
     */
    readonly dispatchDelayMs?: number;
  };
  /** Where bare repositories and run checkouts live; a fresh temp dir by default, removed on stop. */
  readonly dataDir?: string;
}

export interface RequestLogEntry {
  readonly method: string;
  /** The matched route template in GitHub's spelling (`/repos/{owner}/{repo}/git/refs/{ref}`), or null. */
  readonly route: string | null;
  readonly path: string;
  /** 0 when a fault dropped the connection. */
  readonly status: number;
  readonly durationMs: number;
  /** The kind of fault that shaped this answer, if any. */
  readonly fault?: FaultKind;
}

/** Which requests a fault applies to; every given field must match. */
export interface FaultMatch {
  readonly method?: string;
  /** A route template as in the request log, e.g. `/repos/{owner}/{repo}/git/refs/{ref}`. */
  readonly route?: string;
  /** The exact request path (no query), or a pattern tested against it. */
  readonly path?: string | RegExp;
  /** The fault first fires on the nth matching request (1-based, default 1)… */
  readonly nth?: number;
  /** …and on this many matching requests in a row from there (default 1; Infinity for all). */
  readonly times?: number;
}

export type FaultAction =
  | { readonly kind: 'status'; readonly status: 409 | 422 | 500 | 502; readonly message?: string }
  | {
      readonly kind: 'secondary-rate-limit';
      readonly status?: 403 | 429;
      readonly retryAfterSeconds?: number;
    }
  | { readonly kind: 'primary-rate-limit'; readonly resetInSeconds?: number }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | {
      readonly kind: 'drop';
      /** Serve the request (its writes happen) and only then destroy the socket instead of answering. */
      readonly afterServing?: boolean;
    }
  | { readonly kind: 'truncate-tree' }
  | {
      readonly kind: 'concurrent-push';
      /** Defaults to the repository's default branch. */
      readonly branch?: string;
      readonly files?: Readonly<Record<string, string | null>>;
      readonly message?: string;
    };

export type FaultKind = FaultAction['kind'];
export type FaultSpec = FaultMatch & FaultAction;

export type RunStatus = 'queued' | 'in_progress' | 'completed';
export type RunConclusion = 'success' | 'failure' | 'cancelled' | 'skipped' | null;

export interface StepRecord {
  readonly number: number;
  readonly name: string;
  status: RunStatus;
  conclusion: RunConclusion;
  startedAt: string | null;
  completedAt: string | null;
  log: string;
}

export interface JobRecord {
  readonly id: number;
  readonly name: string;
  status: RunStatus;
  conclusion: RunConclusion;
  startedAt: string | null;
  completedAt: string | null;
  readonly steps: StepRecord[];
}

export interface ArtifactRecord {
  readonly id: number;
  readonly runId: number;
  readonly name: string;
  readonly sizeInBytes: number;
  readonly zip: Uint8Array;
  readonly createdAt: string;
}

export interface WorkflowRunRecord {
  readonly id: number;
  readonly runNumber: number;
  readonly owner: string;
  readonly repo: string;
  readonly workflowId: number;
  /** `.github/workflows/<file>` */
  readonly workflowPath: string;
  readonly workflowName: string;
  /** The `run-name:` with inputs substituted, or the workflow name. */
  readonly displayTitle: string;
  readonly event: 'workflow_dispatch' | 'push';
  readonly headSha: string;
  readonly headBranch: string;
  readonly inputs: Readonly<Record<string, string>>;
  status: RunStatus;
  conclusion: RunConclusion;
  readonly createdAt: string;
  updatedAt: string;
  runStartedAt: string | null;
  readonly jobs: JobRecord[];
  readonly artifacts: ArtifactRecord[];
}

export interface WebhookDeliveryRecord {
  /** Unique per attempt; pass it (or the guid) to `redeliver`. */
  readonly id: string;
  /** The `X-GitHub-Delivery` header; a redelivery keeps the original's. */
  readonly guid: string;
  readonly event: string;
  readonly action: string | null;
  readonly payload: unknown;
  readonly redelivery: boolean;
  /** The receiver's status, or null when the request failed (`error` says why). */
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly deliveredAt: string;
  readonly durationMs: number;
}

export interface GitHubSimulator {
  /** e.g. http://127.0.0.1:PORT, usable as octokit's baseUrl. */
  readonly url: string;
  readonly requests: readonly RequestLogEntry[];
  /** The bare repository on disk, for `git fetch` in tests. */
  repositoryPath(owner: string, name: string): string;
  /** Returns a function that removes the fault. */
  injectFault(fault: FaultSpec): () => void;
  clearFaults(): void;
  /** Commits as another user would (null deletes a path); triggers on:push workflows and push webhooks. */
  push(
    owner: string,
    name: string,
    branch: string,
    files: Readonly<Record<string, string | null>>,
    message?: string,
  ): Promise<string>;
  runs(owner: string, name: string): readonly WorkflowRunRecord[];
  waitForRun(
    owner: string,
    name: string,
    runId: number,
    options?: { timeoutMs?: number },
  ): Promise<WorkflowRunRecord>;
  /** Resolves once every event so far (push handling, run starts, webhook deliveries) has been processed. */
  settled(): Promise<void>;
  deliveries(): readonly WebhookDeliveryRecord[];
  /** Points webhooks at a receiver started after the simulator (or stops them with undefined). */
  setWebhook(webhook: { readonly url: string; readonly secret: string } | undefined): void;
  redeliver(deliveryId: string): Promise<void>;
  /** Installs the App on one more account and sends an `installation` `created` webhook. Needs the `app` option. */
  addInstallation(installation: InstallationSpec): void;
  /** Uninstalls it: its tokens stop working (401) and an `installation` `deleted` webhook is sent. */
  removeInstallation(installationId: number): void;
  /** Every installation token minted so far, oldest first (the tokens themselves are never exposed). */
  installationTokens(): readonly InstallationTokenRecord[];
  stop(): Promise<void>;
}
