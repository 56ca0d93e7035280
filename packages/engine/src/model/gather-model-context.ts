import { posix } from 'node:path';
import { type FailedTest, normalizeRepoPath, type StorageAdapter } from '@healing/adapters';

export interface ContextFile {
  readonly path: string;
  readonly content: string;
}

const SOURCE_PATH =
  /(?:[\w@.-]+\/)*[\w@.-]+\.(?:[cm]?[jt]sx?|py|go|rb|rs|java|kt|cs|php|swift|c|cc|cpp|h|hpp)\b/g;
const IMPORT = /(?:from\s+|require\(\s*|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
const EXTENSIONS = ['', '.js', '.ts', '.mjs', '.cjs', '.jsx', '.tsx', '/index.js', '/index.ts'];

/**
 * The files a model needs to see for a failure, most relevant first, within `maxBytes`:
 * the failing test files, the files they import, the files named in the failure output,
 * then the files the recent commits changed.
 */
export async function gatherModelContext(options: {
  readonly storage: StorageAdapter;
  readonly failedTests: readonly FailedTest[];
  readonly failingTestFiles: readonly string[];
  readonly recentlyChanged: readonly string[];
  readonly maxBytes: number;
}): Promise<ContextFile[]> {
  const { storage } = options;
  const files: ContextFile[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  const add = async (path: string): Promise<string | null> => {
    const repoPath = safePath(path);
    if (repoPath === null || seen.has(repoPath)) return null;
    seen.add(repoPath);
    const file = await storage.read(repoPath);
    if (file === null || file.content.includes(0)) return null;
    const content = new TextDecoder().decode(file.content);
    if (bytes + content.length > options.maxBytes) return null;
    bytes += content.length;
    files.push({ path: repoPath, content });
    return content;
  };
  const existingPaths = new Set((await storage.list('')).map((entry) => entry.path));
  const resolveMentioned = (mention: string): string | null => {
    // Failure output names absolute paths (/tmp/x/repo/src/a.js); keep the longest suffix that exists.
    const segments = mention.split('/');
    for (let start = 0; start < segments.length; start += 1) {
      const candidate = segments.slice(start).join('/');
      if (existingPaths.has(candidate)) return candidate;
    }
    return null;
  };

  for (const testFile of options.failingTestFiles) {
    const path = resolveMentioned(testFile) ?? testFile;
    const content = await add(path);
    if (content === null) continue;
    for (const match of content.matchAll(IMPORT)) {
      const target = posix.normalize(posix.join(posix.dirname(path), match[1] ?? ''));
      const found = EXTENSIONS.map((extension) => `${target}${extension}`).find((candidate) =>
        existingPaths.has(candidate),
      );
      if (found !== undefined) await add(found);
    }
  }
  const output = options.failedTests.map((test) => `${test.message}\n${test.output}`).join('\n');
  for (const match of output.matchAll(SOURCE_PATH)) {
    const path = resolveMentioned(match[0]);
    if (path !== null && !path.includes('node_modules/')) await add(path);
  }
  for (const path of options.recentlyChanged) if (existingPaths.has(path)) await add(path);
  return files;
}

function safePath(path: string): string | null {
  try {
    return normalizeRepoPath(path);
  } catch {
    return null;
  }
}
