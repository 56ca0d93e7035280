export const MAIN_HELP = `heal: self-healing for code repositories

When a repository's tests fail, heal finds out why, proposes the smallest fix as a git
diff, proves it by re-running the tests in an isolated workspace, and delivers it as a
branch (local) or a pull request (GitHub).

Usage
  heal <command> [options]

Commands
  run                                   heal the failing tests of this repository (a branch heal/…)
  demo                                  heal four sample repositories, offline, in under a minute
  init [--github]                       write heal.config.json (and the Actions workflow)
  doctor                                check node, git, config, cache, model endpoint, token
  status                                the latest heal of this repository and the flaky tests seen
  history [--limit n]                   past heals: outcome, strategy, fingerprint, branch or PR
  cache stats|clear|reset               the SQLite cache in .git/heal (reset removes a damaged one)
  patch apply [--check] [-R] <file|->   apply a git-format patch to the working tree
  patch create <before-dir> <after-dir> print the git-format patch between two trees

Run \`heal <command> --help\` for a command's options.

Options
  -h, --help       show help for heal or a command
  -v, --version    print the version

Exit codes
  0  green or healed     1  not healed (or a patch did not apply)
  2  usage or config     3  environment (git, build, token, dependency missing)
`;
