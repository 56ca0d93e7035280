import { isAbsolute, relative } from 'node:path';
import type { FailedTest } from '@healing/adapters';

/**
 * Repository paths of the failing tests' files, as far as the report names them. Absolute
 * paths are made relative to the repository directory when it is known; others are kept
 * as written (the guardrails match them by suffix).
 */
export function failingTestFiles(
  failedTests: readonly FailedTest[],
  repositoryDir: string | undefined,
): string[] {
  const files = new Set<string>();
  for (const test of failedTests) {
    if (!test.file) continue;
    let file = test.file.replaceAll('\\', '/');
    if (isAbsolute(file) && repositoryDir !== undefined)
      file = relative(repositoryDir, file).replaceAll('\\', '/');
    files.add(file.replace(/^\.\//, '').replace(/^\/+/, ''));
  }
  return [...files];
}
