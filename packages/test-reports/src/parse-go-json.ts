import type { FailedTest } from '@healing/adapters';
import { z } from 'zod';
import { createReading, firstLine, type Reading } from './reading.js';
import { reportParseError } from './report-error.js';

const EventSchema = z.object({
  Action: z.string(),
  Package: z.string().optional(),
  ImportPath: z.string().optional(),
  Test: z.string().optional(),
  Output: z.string().optional(),
  Elapsed: z.number().optional(),
  FailedBuild: z.string().optional(),
});

interface Outcome {
  action?: string;
  readonly output: string[];
  elapsed: number;
}

const FRAME = /^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (FAIL|PASS|SKIP):)/;
const isTerminal = (action: string): boolean => action === 'pass' || action === 'fail' || action === 'skip';

/** The first line of a test's own output that says something (`calc_test.go:12: got 1, want 2`). */
export function goFailureMessage(output: readonly string[]): string {
  return firstLine(
    output.filter((line) => !FRAME.test(line) && !/^(FAIL|ok|PASS)\b/.test(line.trim())).join('\n'),
  );
}

function outcomeOf(map: Map<string, Outcome>, key: string): Outcome {
  const existing = map.get(key);
  if (existing) return existing;
  const created: Outcome = { output: [], elapsed: 0 };
  map.set(key, created);
  return created;
}

/** True when the text holds `go test -json` (test2json) events. */
export function hasGoJsonEvents(text: string): boolean {
  return /^\{"Time":"[^"]*","Action":"|^\{"Action":"/m.test(text);
}

/**
 * `go test -json` (test2json) events, one JSON object a line; other lines (`FAIL pkg [build
 * failed]` from older go) are read too. Ids are `<package> > <Test/subtest>`; only leaf tests
 * count, a parent whose subtests all passed is not a test of its own.
 */
export function readGoJson(text: string, stderr = ''): Reading {
  const tests = new Map<string, Outcome>();
  const packages = new Map<string, Outcome & { failedBuild?: string }>();
  const builds = readBuildErrors(stderr);
  let sawEvent = false;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    const plain = /^FAIL\s+(\S+) \[(build|setup) failed\]$/.exec(trimmed);
    if (plain) {
      const outcome = outcomeOf(packages, plain[1] as string);
      outcome.action = 'fail';
      outcome.output.push(trimmed);
      continue;
    }
    if (!trimmed.startsWith('{')) continue;
    let event: z.infer<typeof EventSchema>;
    try {
      event = EventSchema.parse(JSON.parse(trimmed));
    } catch {
      continue;
    }
    sawEvent = true;
    if (event.Package === undefined) {
      if (event.ImportPath && event.Output)
        builds.set(event.ImportPath, [...(builds.get(event.ImportPath) ?? []), event.Output]);
      continue;
    }
    const outcome =
      event.Test === undefined
        ? outcomeOf(packages, event.Package)
        : outcomeOf(tests, `${event.Package} > ${event.Test}`);
    if (event.Output !== undefined) outcome.output.push(event.Output.replace(/\n$/, ''));
    if (isTerminal(event.Action)) {
      outcome.action = event.Action;
      outcome.elapsed = (event.Elapsed ?? 0) * 1000;
    }
    if (event.FailedBuild && event.Test === undefined)
      (outcome as Outcome & { failedBuild?: string }).failedBuild = event.FailedBuild;
  }
  if (!sawEvent && packages.size === 0) throw reportParseError('go test -json', 'no test2json events');
  return summarize(tests, packages, builds);
}

/** `# example.com/pkg [example.com/pkg.test]` blocks of compiler errors, as go before 1.24 prints them on stderr. */
export function readBuildErrors(stderr: string): Map<string, string[]> {
  const builds = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of stderr.split('\n')) {
    const header = /^# (\S+)/.exec(line);
    if (header) {
      current = [];
      builds.set(header[1] as string, current);
    } else if (current && line.trim() !== '') current.push(line);
  }
  return builds;
}

function summarize(
  tests: Map<string, Outcome>,
  packages: Map<string, Outcome & { failedBuild?: string }>,
  builds: Map<string, string[]>,
): Reading {
  const ids = [...tests.keys()];
  const isParent = (id: string): boolean => ids.some((other) => other.startsWith(`${id}/`));
  const failedTests: FailedTest[] = [];
  const loadFailures: FailedTest[] = [];
  const passedTestIds: string[] = [];
  let skipped = 0;
  let durationMs = 0;
  for (const [id, outcome] of tests) {
    const [pkg, name] = id.split(' > ') as [string, string];
    const hasFailedChild = ids.some(
      (other) => other.startsWith(`${id}/`) && tests.get(other)?.action === 'fail',
    );
    // A test still running when its package failed (a panic, a timeout) failed with it.
    const action = outcome.action ?? (packages.get(pkg)?.action === 'fail' ? 'fail' : undefined);
    if (action === 'fail' && !hasFailedChild) {
      failedTests.push({
        id,
        name,
        file: null,
        message: goFailureMessage(outcome.output) || 'test failed',
        output: outcome.output.join('\n'),
      });
    } else if (!isParent(id)) {
      if (action === 'pass') passedTestIds.push(id);
      else if (action === 'skip') skipped++;
    }
    if (!isParent(id)) durationMs += outcome.elapsed;
  }
  for (const [pkg, outcome] of packages) {
    const hasTests = ids.some((id) => id.startsWith(`${pkg} > `));
    if (outcome.action !== 'fail' || failedTests.some((test) => test.id.startsWith(`${pkg} > `))) continue;
    const build = builds.get(outcome.failedBuild ?? pkg) ?? builds.get(pkg) ?? [];
    const output = [...build, ...outcome.output];
    const failure = {
      id: pkg,
      name: pkg,
      file: null,
      message: goFailureMessage(output) || 'package failed',
      output: output.join('\n'),
    };
    (hasTests ? failedTests : loadFailures).push(failure);
  }
  const noTests = [...packages.values()].every(
    (outcome) =>
      outcome.action === 'skip' || outcome.output.some((line) => line.includes('[no tests to run]')),
  );
  return createReading({
    failedTests,
    loadFailures,
    passedTestIds,
    skipped,
    durationMs,
    sawNoTests: ids.length === 0 && noTests && packages.size > 0,
  });
}
