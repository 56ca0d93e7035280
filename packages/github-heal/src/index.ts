// Public API of @healing/github-heal: the engine wired to the GitHub adapters.
export {
  type GitHubHealResult,
  type HealCommands,
  type HealOnGitHubOptions,
  healOnGitHub,
  SCRATCH_BRANCH_ROOT,
} from './heal-on-github.js';
