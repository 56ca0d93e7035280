/** The documented exit codes of `heal`; scripts and CI jobs rely on them. */
export const EXIT = {
  /** Green, or healed. */
  ok: 0,
  /** Ran, but could not heal (or a patch did not apply). */
  notHealed: 1,
  /** Bad flags, arguments or configuration. */
  usage: 2,
  /** The environment lacks something: git, a build, a token, a dependency. */
  environment: 3,
  /** Stopped by Ctrl-C or SIGTERM: nothing was delivered, workspaces were removed. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
