import type { RepositoryFiles } from './repository-files.js';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'yarn-berry' | 'bun';

export interface PackageManager {
  readonly name: PackageManagerName;
  /** The lockfile it was recognised by, or null (package.json's `packageManager`, or npm by default). */
  readonly lockfile: string | null;
  /** The version package.json's `packageManager` pins, e.g. `9.1.0`. */
  readonly version: string | null;
}

const LOCKFILES: ReadonlyArray<readonly [string, PackageManagerName]> = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/**
 * Which package manager a JavaScript project uses: its lockfile first, then the
 * `packageManager` field (corepack's), else npm. Yarn 2+ (berry) is told from classic by
 * `.yarnrc.yml` or the pinned version, because they install with different flags.
 */
export async function detectPackageManager(
  files: RepositoryFiles,
  manifest: { readonly packageManager?: unknown },
): Promise<PackageManager> {
  const pinned = /^(npm|pnpm|yarn|bun)@(\d[^+\s]*)/.exec(
    typeof manifest.packageManager === 'string' ? manifest.packageManager : '',
  );
  let found: { name: PackageManagerName; lockfile: string | null } | null = null;
  for (const [lockfile, name] of LOCKFILES) {
    if ((await files.read(lockfile)) !== null) {
      found = { name, lockfile };
      break;
    }
  }
  const name = found?.name ?? (pinned?.[1] as PackageManagerName | undefined) ?? 'npm';
  const version =
    pinned && pinned[1] === (name === 'yarn-berry' ? 'yarn' : name) ? (pinned[2] ?? null) : null;
  if (name === 'yarn') {
    const isBerry =
      (await files.read('.yarnrc.yml')) !== null || (version !== null && !version.startsWith('1.'));
    return { name: isBerry ? 'yarn-berry' : 'yarn', lockfile: found?.lockfile ?? null, version };
  }
  return { name, lockfile: found?.lockfile ?? null, version };
}

/** The program that runs the package manager's commands. */
export function packageManagerProgram(manager: PackageManager): string {
  return manager.name === 'yarn-berry' ? 'yarn' : manager.name;
}
