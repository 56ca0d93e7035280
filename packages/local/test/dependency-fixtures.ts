import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Workspace } from '@healing/adapters';
import {
  createWorktreeWorkspaces,
  type WorktreeWorkspacesOptions,
} from '../src/workspace/worktree-workspaces.js';
import { git } from './git-fixture.js';

/** Runs a real tool (npm, pnpm, python) in a fixture with the machine's environment; throws with its output on failure. */
export function sh(
  cwd: string,
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): string {
  try {
    return execFileSync(command, args, {
      cwd,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd}: ${failed.message}\n${failed.stdout}\n${failed.stderr}`,
    );
  }
}

/** Writes files (path → content) under `dir`. */
export async function writeFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

export function commitAll(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', message);
  return git(dir, 'rev-parse', 'HEAD').trim();
}

/**
 * Every entry under `dir` (symlinks not followed) with its kind, size, mode and mtime: equal
 * snapshots mean nothing was created, removed or written there.
 */
export function snapshotTree(dir: string): string[] {
  const lines: string[] = [];
  const walk = (path: string): void => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const info = lstatSync(full);
      const kind = info.isSymbolicLink() ? 'l' : info.isDirectory() ? 'd' : 'f';
      lines.push(`${kind} ${full.slice(dir.length)} ${info.size} ${info.mode} ${info.mtimeMs}`);
      if (kind === 'd') walk(full);
    }
  };
  walk(dir);
  return lines;
}

export const elapsed = (started: number): number => Math.round(performance.now() - started);

/**
 * Worktree workspaces whose every workspace is remembered in `created`, so a test that fails
 * before its own dispose still removes its worktrees (dispose is safe to call twice).
 */
export function trackedWorkspaces(created: Workspace[]) {
  return (options: WorktreeWorkspacesOptions) => {
    const provider = createWorktreeWorkspaces(options);
    return {
      ...provider,
      async create(request: Parameters<typeof provider.create>[0]): Promise<Workspace> {
        const workspace = await provider.create(request);
        created.push(workspace);
        return workspace;
      },
    };
  };
}
