import type { IncomingHttpHeaders } from 'node:http';
import type { ActionsEngine } from './actions/actions-engine.js';
import type { GitHubApp } from './app/github-app.js';
import type { Principal } from './http/authenticate.js';
import type { RateLimiter } from './http/rate-limit.js';
import type { SimUser } from './json/user-json.js';
import type { RepoState } from './state.js';

/** What routes may use of the running simulator. */
export interface SimulatorCore {
  /** The server's base URL (known once listening). */
  base(): string;
  now(): number;
  nextId(): number;
  findRepo(owner: string, name: string): RepoState | undefined;
  repositories(): readonly RepoState[];
  /** The GitHub App, when the `app` option is set. */
  readonly app: GitHubApp | undefined;
  readonly treeLimits: { readonly maxEntries: number; readonly maxBytes: number };
  readonly rateLimiter: RateLimiter;
  readonly actions: ActionsEngine;
  /** How long a dispatch answered 204 waits before its run exists. */
  readonly dispatchDelayMs: number;
  /** Serves `bytes()` once at an unguessable URL without auth, as GitHub's redirect targets are; returns that URL. */
  registerDownload(produce: () => { bytes: Uint8Array; contentType: string }): string;
  /** Tells the simulator a branch moved (API write or push): sends push webhooks and starts on:push workflows. */
  branchMoved(
    repo: RepoState,
    ref: string,
    before: string | null,
    after: string | null,
    pusher: SimUser,
  ): void;
}

export interface GlobalContext {
  readonly core: SimulatorCore;
  readonly params: Readonly<Record<string, string>>;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  /** Who the request acts as; `principal.user` is who writes are attributed to. */
  readonly principal: Principal;
}

export interface RouteContext extends GlobalContext {
  readonly repo: RepoState;
  /** Set by a truncate-tree fault: tree answers come back truncated whatever their size. */
  readonly forceTreeTruncation: boolean;
}

export interface ApiAnswer {
  readonly status: number;
  /** JSON body; ignored when `binary` is set. */
  readonly body?: unknown;
  readonly binary?: { readonly bytes: Uint8Array; readonly contentType: string };
  readonly headers?: Readonly<Record<string, string>>;
  /** A Link header for paginated lists. */
  readonly link?: string | undefined;
}

export type RouteHandler = (context: RouteContext) => Promise<ApiAnswer>;
export type GlobalHandler = (context: GlobalContext) => Promise<ApiAnswer>;
