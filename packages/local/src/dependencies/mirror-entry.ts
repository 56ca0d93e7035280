import { chmod, lstat, open, readlink, symlink, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { RootRewriter } from './root-rewriter.js';

/** Where a dependency directory is read from and how its paths move into the workspace. */
export interface MirrorContext {
  /** Where the directories are on disk: the checkout, or a cache entry's tree. */
  readonly sourceRoot: string;
  /** Where they were installed (the checkout, or the workspace that ran setup); relative links resolve from there. */
  readonly installRoot: string;
  /** The install roots (and the source root) → the workspace root. */
  readonly rewriter: RootRewriter;
}

/** Files larger than this are never rewritten (scripts and .pth files are small), only linked. */
const MAX_REWRITE_BYTES = 1024 * 1024;

export const exists = (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

/**
 * Recreates the symlink `source` at `target`. A link into the project (a workspace package,
 * a `file:` dependency, `.bin/x -> ../pkg/cli.js`) must reach the workspace's copy of that
 * path: a relative link keeps its text (the workspace mirrors the directory depth), an
 * absolute one is moved to the workspace root. A link leaving the project keeps its target.
 */
export async function mirrorSymlink(source: string, target: string, context: MirrorContext): Promise<void> {
  const text = await readlink(source);
  let linkTo: string;
  if (isAbsolute(text)) {
    linkTo = context.rewriter.mapPath(text) ?? text;
  } else {
    const installedAt = join(context.installRoot, relative(context.sourceRoot, source));
    const resolved = resolve(dirname(installedAt), text);
    linkTo = context.rewriter.mapPath(resolved) === null ? resolved : text;
  }
  await symlink(linkTo, target);
}

async function readSmallText(path: string): Promise<{ text: string; mode: number } | null> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.size > MAX_REWRITE_BYTES) return null;
    const bytes = await handle.readFile();
    if (bytes.includes(0)) return null; // a binary: nothing to rewrite
    return { text: bytes.toString('utf8'), mode: info.mode & 0o7777 };
  } finally {
    await handle.close();
  }
}

/**
 * A file holding absolute paths of the install root (a console script's shebang, a `.pth`
 * file, an editable finder) is copied with the root rewritten; any other file is linked.
 * Returns whether it was copied.
 */
export async function copyRewrittenOrLink(
  source: string,
  target: string,
  context: MirrorContext,
  options: { readonly alwaysCopy?: boolean } = {},
): Promise<boolean> {
  const file = await readSmallText(source);
  if (file && (options.alwaysCopy || context.rewriter.mentionsRoot(file.text))) {
    await writeFile(target, context.rewriter.rewriteText(file.text), { flag: 'wx' });
    await chmod(target, file.mode);
    return true;
  }
  await symlink(source, target);
  return false;
}
