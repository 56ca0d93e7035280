import type { CliContext } from './cli-context.js';
import { asFileMode, type TreeFileView } from './file-view.js';

/** Reads files of one commit through `git ls-tree` and `git cat-file`. */
export function createCliRevisionView(context: CliContext, revision: string): TreeFileView {
  return {
    async read(path) {
      const listing = await context.text(['ls-tree', '-z', '--full-tree', revision, '--', path]);
      const entry = listing.split('\0')[0] ?? '';
      const match = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (match === null || match[2] !== 'blob' || match[4] !== path) return null;
      const mode = asFileMode(match[1] ?? '');
      if (mode === null) return null;
      const content = (await context.run(['cat-file', 'blob', match[3] ?? ''])).stdout;
      return { content: new Uint8Array(content), mode };
    },
  };
}
