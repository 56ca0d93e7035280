import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { isHealingError } from '@healing/adapters';
import type { GitHubApp } from '../app/github-app.js';
import { JWT_UNDECODABLE } from '../app/verify-app-jwt.js';
import type { GlobalHandler, RouteHandler, SimulatorCore } from '../context.js';
import { faultAnswer } from '../faults/fault-answer.js';
import type { FaultRegistry } from '../faults/fault-registry.js';
import { DOWNLOAD_ROUTE } from '../routes/downloads.js';
import type { FaultSpec, RequestLogEntry } from '../types.js';
import { authenticate, installationReaches, type Principal } from './authenticate.js';
import { DOCUMENTATION_URL, httpAnswerOf } from './github-error.js';
import { rateLimitHeaders } from './rate-limit.js';
import { parseJsonBody, readRawBody } from './read-body.js';
import { matchRoute, type Route, type RouteCredential } from './router.js';
import { type Answer, sendAnswer } from './send-answer.js';

export interface RequestHandlerDeps {
  readonly core: SimulatorCore;
  readonly repoRoutes: readonly Route<RouteHandler>[];
  readonly globalRoutes: readonly Route<GlobalHandler>[];
  readonly faults: FaultRegistry;
  readonly token: string | undefined;
  readonly app: GitHubApp | undefined;
  readonly log: RequestLogEntry[];
  /** Runs a concurrent-push fault: commits a change to the branch as someone else would. */
  pushForFault(
    owner: string,
    repo: string,
    fault: Extract<FaultSpec, { kind: 'concurrent-push' }>,
  ): Promise<void>;
}

function errorAnswer(status: number, message: string): Answer {
  return { status, body: { message, documentation_url: DOCUMENTATION_URL, status: String(status) } };
}

/** A credential that authenticated but is the wrong kind for the route answers as GitHub's would. */
function credentialRefusal(principal: Principal, credential: RouteCredential): Answer | undefined {
  if (credential === 'jwt') return principal.kind === 'app' ? undefined : errorAnswer(401, JWT_UNDECODABLE);
  const isAccepted =
    credential === 'installation' ? principal.kind === 'installation' : principal.kind !== 'app';
  return isAccepted ? undefined : errorAnswer(403, 'Resource not accessible by integration');
}

/** Serves one request: route, faults, auth, body, handler, answer, log entry. */
export function createRequestHandler(deps: RequestHandlerDeps) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const started = performance.now();
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', deps.core.base());
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const repoMatch = matchRoute(deps.repoRoutes, method, path);
    const globalMatch = 'route' in repoMatch ? undefined : matchRoute(deps.globalRoutes, method, path);
    const route =
      'route' in repoMatch
        ? repoMatch.route.template
        : globalMatch && 'route' in globalMatch
          ? globalMatch.route.template
          : null;
    const fault = deps.faults.take(method, route, path);
    const record = (status: number) => {
      const entry: RequestLogEntry = { method, route, path, status, durationMs: performance.now() - started };
      deps.log.push(fault ? { ...entry, fault: fault.kind } : entry);
    };
    if (fault?.kind === 'drop' && fault.afterServing !== true) {
      request.socket.destroy();
      record(0);
      return;
    }
    const requestId = randomUUID().toUpperCase();
    const headersFor = (status: number): Record<string, string> => {
      const isFree = status === 304 || route === '/rate_limit';
      const snapshot = isFree ? deps.core.rateLimiter.peek() : deps.core.rateLimiter.consume();
      return {
        ...rateLimitHeaders(snapshot),
        'x-github-request-id': requestId,
        'x-github-media-type': 'github.v3; format=json',
      };
    };
    const answer = await answerFor(deps, request, method, url, repoMatch, globalMatch, fault);
    if (fault?.kind === 'drop') {
      // The request took effect, but the client never learns it: its retry must be idempotent.
      request.socket.destroy();
      record(0);
      return;
    }
    const withLink = answer.link ? { ...answer, headers: { ...answer.headers, link: answer.link } } : answer;
    record(sendAnswer(request, response, withLink, headersFor));
  };
}

type AnswerWithLink = Answer & { readonly link?: string | undefined };

async function answerFor(
  deps: RequestHandlerDeps,
  request: IncomingMessage,
  method: string,
  url: URL,
  repoMatch: ReturnType<typeof matchRoute<RouteHandler>>,
  globalMatch: ReturnType<typeof matchRoute<GlobalHandler>> | undefined,
  fault: FaultSpec | undefined,
): Promise<AnswerWithLink> {
  try {
    if (fault?.kind === 'slow') await sleep(fault.delayMs);
    const faulted = fault ? faultAnswer(fault, deps.core.now()) : undefined;
    if (faulted) return faulted;
    // Redirect targets are signed URLs on GitHub: they carry no token, and fetch drops it on redirect anyway.
    const isDownload =
      globalMatch !== undefined && 'route' in globalMatch && globalMatch.route.template === DOWNLOAD_ROUTE;
    const authentication = authenticate(
      isDownload ? undefined : request.headers.authorization,
      isDownload ? { token: undefined, app: undefined } : deps,
      deps.core.now(),
    );
    if ('status' in authentication) return errorAnswer(authentication.status, authentication.message);
    const { principal } = authentication;
    const matched =
      'route' in repoMatch
        ? repoMatch.route
        : globalMatch && 'route' in globalMatch
          ? globalMatch.route
          : undefined;
    const refusal = matched ? credentialRefusal(principal, matched.credential) : undefined;
    if (refusal) return refusal;
    const isFree =
      isDownload ||
      (globalMatch !== undefined && 'route' in globalMatch && globalMatch.route.template === '/rate_limit');
    if (!isFree && deps.core.rateLimiter.isExhausted()) {
      return {
        status: 403,
        body: {
          message: 'API rate limit exceeded for user ID 1001.',
          documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api',
          status: '403',
        },
      };
    }
    const needsBody = method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
    const body = needsBody ? parseJsonBody(await readRawBody(request)) : {};
    const headers = request.headers;
    if ('route' in repoMatch) {
      const { params } = repoMatch;
      const repo = deps.core.findRepo(params.owner ?? '', params.repo ?? '');
      // GitHub hides repositories an installation token does not reach.
      const isHidden =
        principal.kind === 'installation' &&
        deps.app !== undefined &&
        !installationReaches(deps.app, principal, params.owner ?? '', params.repo ?? '');
      if (!repo || isHidden) return errorAnswer(404, 'Not Found');
      if (fault?.kind === 'concurrent-push') await deps.pushForFault(repo.owner, repo.name, fault);
      return await repoMatch.route.handler({
        core: deps.core,
        repo,
        params,
        url,
        headers,
        body,
        principal,
        forceTreeTruncation: fault?.kind === 'truncate-tree',
      });
    }
    if (globalMatch && 'route' in globalMatch) {
      return await globalMatch.route.handler({
        core: deps.core,
        params: globalMatch.params,
        url,
        headers,
        body,
        principal,
      });
    }
    // GitHub answers 404 to unknown paths and to known paths with an unknown method alike.
    return errorAnswer(404, 'Not Found');
  } catch (error) {
    const known = httpAnswerOf(error);
    if (known) return known;
    // A path git cannot store is the client's mistake, as GitHub reports it.
    if (isHealingError(error, 'UNSAFE_PATH')) {
      return {
        status: 422,
        body: { message: error.message, documentation_url: DOCUMENTATION_URL, status: '422' },
      };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return errorAnswer(500, `GitHub simulator failed: ${reason}`);
  }
}
