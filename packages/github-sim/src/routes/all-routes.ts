import type { GlobalHandler, RouteHandler } from '../context.js';
import type { Route } from '../http/router.js';
import { runRoutes } from './actions-runs.js';
import { workflowRoutes } from './actions-workflows.js';
import { appRoutes, repoInstallationRoutes } from './app.js';
import { branchRoutes } from './branches.js';
import { commitRoutes } from './commits.js';
import { contentRoutes } from './contents.js';
import { gitBlobRoutes } from './git-blobs.js';
import { gitCommitRoutes } from './git-commits.js';
import { gitRefRoutes } from './git-refs.js';
import { gitTreeRoutes } from './git-trees.js';
import { issueCommentRoutes } from './issue-comments.js';
import { issueLabelRoutes } from './issue-labels.js';
import { pullRoutes } from './pulls.js';
import { globalRoutes as rateLimitRoutes, repositoryRoutes } from './repos.js';

/** Every route under /repos/{owner}/{repo}; the server resolves the repository before the handler runs. */
export const repoRoutes: readonly Route<RouteHandler>[] = [
  ...repositoryRoutes,
  ...repoInstallationRoutes,
  ...contentRoutes,
  ...gitBlobRoutes,
  ...gitTreeRoutes,
  ...gitCommitRoutes,
  ...gitRefRoutes,
  ...branchRoutes,
  ...commitRoutes,
  ...pullRoutes,
  ...issueCommentRoutes,
  ...issueLabelRoutes,
  ...workflowRoutes,
  ...runRoutes,
];

export const globalRoutes: readonly Route<GlobalHandler>[] = [...rateLimitRoutes, ...appRoutes];
