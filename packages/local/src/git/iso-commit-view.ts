import { asFileMode, type TreeFileView } from './file-view.js';
import { type IsoContext, isIsoNotFound } from './iso-context.js';

/** Reads a commit's files path by path (one tree read per directory), without flattening the tree. */
export function createIsoCommitView(context: IsoContext, commit: string): TreeFileView {
  return {
    async read(path) {
      const slash = path.lastIndexOf('/');
      const directory = slash < 0 ? '' : path.slice(0, slash);
      try {
        const { tree } = await context.git.readTree({
          fs: context.fs,
          dir: context.dir,
          oid: commit,
          cache: context.cache,
          ...(directory === '' ? {} : { filepath: directory }),
        });
        const entry = tree.find((candidate) => candidate.path === path.slice(slash + 1));
        const mode = entry?.type === 'blob' ? asFileMode(entry.mode) : null;
        if (entry === undefined || mode === null) return null;
        const { blob } = await context.git.readBlob({
          fs: context.fs,
          dir: context.dir,
          oid: entry.oid,
          cache: context.cache,
        });
        return { content: blob, mode };
      } catch (error) {
        if (isIsoNotFound(error) || (error as { code?: string }).code === 'ObjectTypeError') return null;
        throw error;
      }
    },
  };
}
