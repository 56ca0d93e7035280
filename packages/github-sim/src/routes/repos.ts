import type { GlobalHandler, RouteHandler } from '../context.js';
import { defineRoute } from '../http/router.js';
import { fullRepositoryJson } from '../json/repository-json.js';

const getRepository: RouteHandler = async ({ core, repo }) => ({
  status: 200,
  body: fullRepositoryJson(core.base(), repo),
});

export const repositoryRoutes = [defineRoute('GET', '/repos/{owner}/{repo}', getRepository)];

const getRateLimit: GlobalHandler = async ({ core }) => {
  const state = core.rateLimiter.peek();
  const core_ = { limit: state.limit, remaining: state.remaining, reset: state.reset, used: state.used };
  const idle = { limit: 5000, remaining: 5000, reset: state.reset, used: 0 };
  return {
    status: 200,
    body: { resources: { core: core_, search: idle, graphql: idle }, rate: core_ },
  };
};

export const globalRoutes = [defineRoute('GET', '/rate_limit', getRateLimit)];
