import { mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { copyRewrittenOrLink, exists, type MirrorContext, mirrorSymlink } from './mirror-entry.js';

type EntryRule = (from: string, to: string, context: MirrorContext) => Promise<void>;

/** Mirrors one directory level: symlinks re-pointed, files through `file`, directories through `directory`. */
async function mirrorLevel(
  source: string,
  target: string,
  context: MirrorContext,
  rules: { readonly file: EntryRule; readonly directory: (name: string) => EntryRule },
): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const entry of await readdir(source, { withFileTypes: true })) {
    const from = join(source, entry.name);
    const to = join(target, entry.name);
    if (await exists(to)) continue;
    if (entry.isSymbolicLink()) await mirrorSymlink(from, to, context);
    else if (entry.isDirectory()) await rules.directory(entry.name)(from, to, context);
    else await rules.file(from, to, context);
  }
}

const link: EntryRule = (from, to) => symlink(from, to);
const rewriteOrLink: EntryRule = async (from, to, context) => {
  await copyRewrittenOrLink(from, to, context);
};

// Only these files of site-packages hold absolute paths Python acts on: `.pth` lines added to
// sys.path, setuptools' `__editable__` finders (a module → directory mapping) and legacy
// `*.egg-link` files. With them rewritten an editable install imports the workspace's code.
const holdsProjectPaths = (name: string): boolean =>
  name.endsWith('.pth') || name.startsWith('__editable__') || name.endsWith('.egg-link');

const sitePackages: EntryRule = (from, to, context) =>
  mirrorLevel(from, to, context, {
    file: (source, target, ctx) =>
      holdsProjectPaths(source.slice(source.lastIndexOf('/') + 1))
        ? rewriteOrLink(source, target, ctx)
        : link(source, target, ctx),
    directory: () => link,
  });

const pythonLib: EntryRule = (from, to, context) =>
  mirrorLevel(from, to, context, {
    file: link,
    directory: (name) => (name === 'site-packages' ? sitePackages : link),
  });

// Console scripts and activate* name the venv's absolute path; the interpreter links stay links.
const bin: EntryRule = (from, to, context) =>
  mirrorLevel(from, to, context, { file: rewriteOrLink, directory: () => link });

const lib: EntryRule = (from, to, context) =>
  mirrorLevel(from, to, context, {
    file: link,
    directory: (name) => (name.startsWith('python') ? pythonLib : link),
  });

/**
 * Makes `target` a virtualenv that runs on the packages of the one at `source`: `pyvenv.cfg`
 * copied (Python finds the venv by it, beside the interpreter link), `bin/` rebuilt (console
 * scripts and `activate*` naming the old venv copied with the path rewritten, the interpreter
 * links kept), `lib/pythonX.Y/site-packages/` rebuilt with its path-holding files rewritten and
 * every package linked; everything else (`include`, `share`) linked.
 */
export function linkVirtualenv(source: string, target: string, context: MirrorContext): Promise<void> {
  return mirrorLevel(source, target, context, {
    file: async (from, to, ctx) => {
      await copyRewrittenOrLink(from, to, ctx, { alwaysCopy: from.endsWith('/pyvenv.cfg') });
    },
    directory: (name) => (name === 'bin' ? bin : name === 'lib' || name === 'lib64' ? lib : link),
  });
}
