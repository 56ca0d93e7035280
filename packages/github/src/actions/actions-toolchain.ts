/** What the heal-run workflow sets up before the setup command: the repository's toolchain. */
export interface ActionsToolchain {
  readonly node: NodeToolchain | null;
  readonly python: PythonToolchain | null;
}

export type NodePackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface NodeToolchain {
  /**
   * The file `actions/setup-node` reads the version from (`.nvmrc`, `.node-version`,
   * `.tool-versions`, or `package.json` for `engines.node`); null: `version` is used.
   */
  readonly versionFile: string | null;
  /** The version when there is no version file (`lts/*`). */
  readonly version: string | null;
  readonly packageManager: NodePackageManager;
  /** The lockfile setup-node keys its dependency cache on; null: no cache (setup-node fails without one). */
  readonly lockfile: string | null;
  /**
   * pnpm only: the version `pnpm/action-setup` installs, or null when package.json's
   * `packageManager` names it (the action refuses both at once).
   */
  readonly pnpmVersion: string | null;
}

export interface PythonToolchain {
  /** `.python-version` or `.tool-versions`; null: `version` is used. */
  readonly versionFile: string | null;
  readonly version: string | null;
  /** Files `actions/setup-python`'s pip cache is keyed on; empty: no cache (it fails without a match). */
  readonly cacheDependencyPaths: readonly string[];
}

/** A repository with nothing to set up: the runner's own tools run the command. */
export const NO_TOOLCHAIN: ActionsToolchain = { node: null, python: null };
