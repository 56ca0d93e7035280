import type { FailedTest } from '@healing/adapters';
import { createReading, type Reading } from '../reading.js';
import { allLines, type ConsoleOutput } from './console-output.js';

const VERBOSE = /^(\S+\.py)::(.+?) (PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\b/;
const SHORT = /^(FAILED|ERROR) (\S+?\.py)(?:::(.+?))?(?: - (.*))?$/;
const SUMMARY = /^=*\s*((?:\d+ [a-z]+(?:, )?)+|no tests ran)(?: in [\d.]+s)/;
const SECTION = /^_{3,} (?:ERROR collecting |ERROR at (?:setup|teardown) of )?(.+?) _{3,}$/;

function count(summary: string, kind: string): number {
  return Number(new RegExp(`(\\d+) ${kind}\\b`).exec(summary)?.[1] ?? 0);
}

/** The `___ name ___` blocks of the FAILURES and ERRORS sections, by their header. */
function readSections(lines: readonly string[]): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of lines) {
    const header = SECTION.exec(line);
    if (header) {
      current = [];
      sections.set(header[1] as string, current);
    } else if (/^={5,}/.test(line)) current = null;
    else current?.push(line);
  }
  return sections;
}

/** The `E   ` lines pytest marks an error with; a load failure's is its exception line. */
function errorLines(block: readonly string[]): string[] {
  return block.filter((line) => line.startsWith('E ')).map((line) => line.slice(1).trim());
}

/**
 * pytest's terminal: `FAILED file::test - message` and `ERROR …` summary lines (an ERROR on a
 * file alone is a collection error), `-v` lines for passes, and the `N failed, M passed` line.
 */
export function readPytestConsole(output: ConsoleOutput): Reading | null {
  const lines = allLines(output);
  const summary = lines.map((line) => SUMMARY.exec(line)?.[1]).find((found) => found !== undefined);
  if (summary === undefined) return null;
  const sections = readSections(lines);
  const failed = new Map<string, FailedTest>();
  const loadFailures: FailedTest[] = [];
  const passedTestIds: string[] = [];
  for (const line of lines) {
    const verbose = VERBOSE.exec(line);
    if (verbose?.[3] === 'PASSED') passedTestIds.push(`${verbose[1]} > ${verbose[2]}`);
    const short = SHORT.exec(line);
    if (!short) continue;
    const [, , file, name, summaryMessage] = short as unknown as [string, string, string, string?, string?];
    const block = sections.get(name?.replaceAll('::', '.') ?? file) ?? sections.get(name ?? file) ?? [];
    const errors = errorLines(block);
    if (name === undefined) {
      const message = errors.findLast((text) => /^\w+(Error|Exception)\b/.test(text)) ?? errors[0];
      loadFailures.push({
        id: file,
        name: file,
        file,
        message: summaryMessage ?? message ?? 'collection failed',
        output: block.join('\n').trim(),
      });
      continue;
    }
    const id = `${file} > ${name}`;
    if (!failed.has(id))
      failed.set(id, {
        id,
        name,
        file,
        message: summaryMessage ?? errors[0] ?? '',
        output: block.join('\n').trim(),
      });
  }
  const passed = count(summary, 'passed');
  return createReading({
    passedTestIds,
    unnamedPassed: Math.max(0, passed - passedTestIds.length),
    failedTests: [...failed.values()],
    loadFailures,
    skipped: count(summary, 'skipped') + count(summary, 'xfailed'),
    sawNoTests: summary === 'no tests ran',
  });
}
