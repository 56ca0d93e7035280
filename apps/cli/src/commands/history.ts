import type { HealReport } from '@healing/adapters';
import { EXIT } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { findRepository } from '../local/find-repository.js';
import { openCache } from '../local/open-cache.js';
import { colorsFor } from '../output/colors.js';
import { formatDuration } from '../output/format-duration.js';
import { parseFlags } from '../parse-flags.js';

export const HISTORY_HELP = `heal history: the heals of this repository, newest first

Usage
  heal history [--limit <n>] [--json]
  heal status [--json]          the latest heal in detail, and the flaky tests seen

Each line: when, outcome, strategy, fingerprint, and where the change is.
`;

export async function historyCommand(args: readonly string[], io: CliIo): Promise<number> {
  return showHistory('history', args, io);
}

export async function statusCommand(args: readonly string[], io: CliIo): Promise<number> {
  return showHistory('status', args, io);
}

async function showHistory(
  command: 'history' | 'status',
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values } = parseFlags(command, args, {
    limit: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(HISTORY_HELP);
    return EXIT.ok;
  }
  const limit = command === 'status' ? 1 : values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    io.stderr.write(`heal: --limit must be a whole number of at least 1, got "${values.limit}"\n`);
    return EXIT.usage;
  }
  const repository = await findRepository(io.cwd ?? process.cwd());
  const { readHealHistory, readFlakyStatistics } = await import('@healing/engine');
  const { cache, warning } = await openCache(repository.cachePath);
  try {
    if (warning) io.stderr.write(`heal: ${warning}\n`);
    const reports = await readHealHistory(cache, { repository: repository.name, limit });
    const flaky = command === 'status' ? await readFlakyStatistics(cache, repository.name) : {};
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify(command === 'status' ? { latest: reports[0] ?? null, flaky } : reports)}\n`,
      );
      return EXIT.ok;
    }
    const colors = colorsFor(Boolean(io.stdout.isTTY), io.env);
    if (reports.length === 0) {
      io.stdout.write(`no heals recorded for ${repository.name} yet: run \`heal run\`\n`);
      return EXIT.ok;
    }
    if (command === 'history') {
      for (const report of reports) io.stdout.write(`${historyLine(report)}\n`);
      return EXIT.ok;
    }
    const latest = reports[0] as HealReport;
    io.stdout.write(`${colors.bold('latest heal')}\n  ${historyLine(latest)}\n  ${latest.summary}\n`);
    for (const attempt of latest.attempts) {
      io.stdout.write(
        `  ${attempt.strategy}: ${attempt.outcome} (${attempt.testRuns} test runs) ${attempt.reason}\n`,
      );
    }
    // The statistics count every failing test; flaky are those seen both passing and failing.
    const flakyIds = Object.entries(flaky).filter(([, counts]) => counts.passes > 0 && counts.failures > 0);
    if (flakyIds.length > 0) {
      io.stdout.write(`${colors.bold('flaky tests seen')}\n`);
      for (const [id, counts] of flakyIds) {
        io.stdout.write(
          `  ${id}: passed ${counts.passes}, failed ${counts.failures} (last on ${counts.lastSha.slice(0, 7)})\n`,
        );
      }
    }
    return EXIT.ok;
  } finally {
    await cache.close();
  }
}

function historyLine(report: HealReport): string {
  const where = report.delivery?.pullRequestUrl ?? report.delivery?.branch ?? '-';
  const strategy = report.chosen?.strategy ?? '-';
  return [
    report.finishedAt.replace('T', ' ').slice(0, 19),
    report.outcome.padEnd(10),
    strategy.padEnd(10),
    report.fingerprint.slice(0, 12),
    report.sha.slice(0, 7),
    formatDuration(report.durationMs).padStart(8),
    where,
  ].join('  ');
}
