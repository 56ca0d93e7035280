import type { FailedTest } from '@healing/adapters';
import { Parser, type Result } from 'tap-parser';
import { createReading, type Reading } from './reading.js';
import { reportParseError } from './report-error.js';

interface LeafCounts {
  failures: number;
  asserts: number;
}

function diagnostics(result: Result): string {
  if (result.diag === null || result.diag === undefined) return '';
  return typeof result.diag === 'string' ? result.diag : JSON.stringify(result.diag, null, 2);
}

function diagMessage(result: Result): string {
  const diag = result.diag as { message?: unknown; error?: unknown } | null;
  if (typeof diag?.message === 'string') return diag.message;
  if (typeof diag?.error === 'string') return diag.error;
  return result.name;
}

/** TAP 13/14, subtests included; only leaf test points count, a subtest's summary line does not. */
export function readTap(text: string): Reading {
  const failedTests: FailedTest[] = [];
  const passedTestIds: string[] = [];
  let skipped = 0;
  let durationMs = 0;
  let sawTap = false;

  const watch = (parser: Parser, counts: LeafCounts): void => {
    let lastChild: LeafCounts | null = null;
    parser.on('child', (child: Parser) => {
      lastChild = { failures: 0, asserts: 0 };
      watch(child, lastChild);
    });
    parser.on('plan', () => {
      sawTap = true;
    });
    parser.on('assert', (result: Result) => {
      sawTap = true;
      const child: LeafCounts | null = lastChild;
      lastChild = null;
      const id = result.fullname || result.name || `test ${result.id}`;
      if (child !== null && child.asserts > 0) {
        if (parser.level === 0) durationMs += result.time ?? 0;
        // A failed subtest with no failed test inside failed in a hook or by a crash: count it.
        if (result.ok || child.failures > 0) return;
      }
      counts.asserts++;
      if (result.skip || result.todo) skipped++;
      else if (result.ok) passedTestIds.push(id);
      else {
        counts.failures++;
        failedTests.push({
          id,
          name: result.name,
          file: null,
          message: diagMessage(result),
          output: diagnostics(result),
        });
      }
    });
  };

  const root = new Parser();
  watch(root, { failures: 0, asserts: 0 });
  try {
    root.end(text);
  } catch (error) {
    throw reportParseError('TAP', error instanceof Error ? error.message : String(error), error);
  }
  if (!sawTap) throw reportParseError('TAP', 'no plan and no test points');
  return createReading({ failedTests, passedTestIds, skipped, durationMs });
}
