import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const REPORT_FILE = 'heal-report.xml';

/** The package.json every demo repository shares: node's own test runner, no dependencies. */
export function demoPackageJson(name: string): string {
  return `${JSON.stringify({ name, private: true, type: 'module', scripts: { test: 'node --test' } }, null, 2)}\n`;
}

/** The test command the demo configures: node --test with a JUnit report at `reportPath`. */
export function demoTestCommand(reportPath: string, node: string = process.execPath): string[] {
  return [
    node,
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=junit',
    `--test-reporter-destination=${reportPath}`,
  ];
}

export async function writeFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}
