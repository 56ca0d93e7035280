import { existsSync, readFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ActionContext, input, toolDirectory, toolVersion, which } from './action-context.js';

/** The pnpm version pnpm/action-setup@v4 would install, or an error worded as the action words it. */
function resolvePnpmVersion(context: ActionContext): { version: string } | { error: string } {
  const version = input(context, 'version');
  const manifestPath = join(context.workspace, input(context, 'package_json_file') || 'package.json');
  let packageManager: unknown;
  if (existsSync(manifestPath)) {
    try {
      packageManager = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { packageManager?: unknown })
        .packageManager;
    } catch {
      packageManager = undefined;
    }
  }
  if (version) {
    if (typeof packageManager === 'string' && packageManager.startsWith('pnpm@')) {
      const pinned = packageManager.slice('pnpm@'.length).replace(/\+.*$/, '');
      if (pinned !== version) {
        return {
          error: `Multiple versions of pnpm specified:\n  - version ${version} in the GitHub Action config with the key "version"\n  - version ${packageManager} in the package.json with the key "packageManager"\nRemove one of these versions to avoid version mismatch errors like ERR_PNPM_BAD_PM_VERSION`,
        };
      }
    }
    return { version };
  }
  if (typeof packageManager !== 'string') {
    return {
      error:
        'No pnpm version is specified.\nPlease specify it by one of the following ways:\n  - in the GitHub Action config with the key "version"\n  - in the package.json with the key "packageManager"',
    };
  }
  if (!packageManager.startsWith('pnpm@')) return { error: 'Invalid packageManager field in package.json' };
  return { version: packageManager.slice('pnpm@'.length).replace(/\+.*$/, '') };
}

/** Whether an installed version is what a requested one (`9`, `9.15`, `9.15.9`, `latest`) names. */
function satisfies(installed: string, requested: string): boolean {
  if (!/^\d+(\.\d+){0,2}$/.test(requested)) return false;
  return `${installed}.`.startsWith(`${requested}.`);
}

/**
 * pnpm/action-setup in the simulator: resolves the version as the real action does (and fails
 * where it fails); uses pnpm from PATH when it is that version, else puts a `pnpm` on PATH that
 * runs that version through `npx` from the npm registry, as the real action installs it with npm.
 */
export async function setupPnpm(context: ActionContext): Promise<boolean> {
  const { log } = context;
  const runInstall = input(context, 'run_install');
  if (runInstall !== '' && runInstall !== 'null' && runInstall !== 'false') {
    log(
      '##[error]run_install is not emulated by the GitHub simulator: run pnpm install in a step of its own.\n',
    );
    return false;
  }
  const resolved = resolvePnpmVersion(context);
  if ('error' in resolved) {
    log(`##[error]${resolved.error}\n`);
    return false;
  }
  // A pnpm on PATH stands in only when it is the version asked for: majors differ in lockfiles.
  const existing = await which(context, 'pnpm');
  const existingVersion = existing === null ? null : await toolVersion(context, existing);
  if (existing !== null && existingVersion !== null && satisfies(existingVersion, resolved.version)) {
    log(
      `The simulator installs nothing: pnpm ${resolved.version} was asked for; using pnpm ${existingVersion} from PATH (${existing}).\n`,
    );
    return true;
  }
  const bin = await toolDirectory(context, 'pnpm/bin');
  const launcher = `#!/bin/sh\nexec npx --yes ${JSON.stringify(`pnpm@${resolved.version}`)} "$@"\n`;
  await writeFile(join(bin, 'pnpm'), launcher);
  await chmod(join(bin, 'pnpm'), 0o755);
  await context.addPath(bin);
  log(`pnpm ${resolved.version} is on PATH for the next steps (run through npx from the npm registry).\n`);
  await context.setOutput('bin_dest', bin);
  return true;
}
