import type { ParsableReportFormat } from '../parse-test-report.js';
import type { RunnerName } from '../runner-name.js';
import { hasOption } from './user-flags.js';

export interface ReportKind {
  readonly format: ParsableReportFormat;
  readonly extension: string;
}

/** The report file each runner can write; go's JSON goes to stdout and cargo has none on stable Rust. */
export const REPORT_KINDS: Partial<Record<RunnerName, ReportKind>> = {
  mocha: { format: 'mocha-json', extension: 'json' },
  jest: { format: 'jest-json', extension: 'json' },
  vitest: { format: 'vitest-json', extension: 'json' },
  // Node 20's junit reporter has no file and double-escapes names; TAP nests subtests and gives failures' locations.
  node: { format: 'tap', extension: 'tap' },
  pytest: { format: 'junit', extension: 'xml' },
};

/**
 * The flags that make a runner write its report to `path`, or null when the user's own flags
 * already choose an output that ours would fight (jest, vitest, node, pytest) or the runner has
 * no report.
 */
export function reportArguments(
  runner: RunnerName,
  path: string,
  userArgs: readonly string[],
): string[] | null {
  switch (runner) {
    case 'mocha':
      // Mocha runs one reporter, the last named, and merges reporter options, later keys
      // winning: ours replace a console reporter the script or .mocharc chose (express's
      // `--reporter spec`), and nothing the user's reporter would write lands in their tree.
      return ['--reporter', 'json', '--reporter-option', `output=${path}`];
    case 'jest':
      return hasOption(userArgs, ['--json', '--outputFile']) ? null : ['--json', `--outputFile=${path}`];
    case 'vitest':
      if (hasOption(userArgs, ['--outputFile'])) return null;
      // Naming only the json reporter would silence the console; keep the user's or the default one.
      return [
        ...(hasOption(userArgs, ['--reporter']) ? [] : ['--reporter=default']),
        '--reporter=json',
        `--outputFile.json=${path}`,
      ];
    case 'node':
      return hasOption(userArgs, ['--test-reporter', '--test-reporter-destination'])
        ? null
        : nodeReporterOptions(path);
    case 'pytest':
      // xunit1 is the junit family that keeps each test's file.
      return hasOption(userArgs, ['--junitxml', '--junit-xml'])
        ? null
        : [`--junitxml=${path}`, '-o', 'junit_family=xunit1'];
    case 'go':
      return hasOption(userArgs, ['-json', '--json']) ? [] : ['-json'];
    case 'cargo':
      return null;
  }
}

/** TAP to the report file and spec to stdout, so the console still reads as the user expects. */
export function nodeReporterOptions(path: string): string[] {
  return [
    '--test-reporter=tap',
    `--test-reporter-destination=${path}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
  ];
}
