export { flakyTestFiles } from './flaky-test.js';
export { buildRegression, type Regression, type RegressionOptions, replaceIn } from './history.js';
export { createMochaProject } from './mocha-project.js';
export {
  BROKEN_CLAMP_SOURCE,
  BROKEN_PERCENT_SOURCE,
  CLAMP_SOURCE,
  MOCHA_MANIFEST,
  PERCENT_SOURCE,
} from './mocha-project-files.js';
export { createNodeProject, type NodeProjectOptions } from './node-project.js';
export { createPnpmMonorepo, PNPM_COMMAND } from './pnpm-monorepo.js';
export {
  BROKEN_FORMAT_SOURCE,
  BROKEN_PRICE_SOURCE,
  FORMAT_SOURCE,
  PNPM_ROOT_MANIFEST,
  PRICE_SOURCE,
} from './pnpm-monorepo-files.js';
export { initRepository, openProject, type Project } from './project.js';
export { createPytestProject } from './pytest-project.js';
export {
  BROKEN_SLUG_SOURCE,
  BROKEN_WORDS_SOURCE,
  SLUG_SOURCE,
  WORDS_SOURCE,
} from './pytest-project-files.js';
export { FIXTURE_ENV, runCommand } from './run-command.js';
