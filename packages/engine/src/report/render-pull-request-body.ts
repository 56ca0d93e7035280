import type { HealAttempt, HealReport, TestResult } from '@healing/adapters';

const MAX_PATCH_CHARS = 20_000;

/**
 * The Markdown evidence of a heal, for a pull request body or a terminal: what failed, what
 * was tried in order (runs, durations, reasons), the chosen change, the culprit of a
 * regression, before/after test results and flaky counts.
 */
export function renderPullRequestBody(report: HealReport): string {
  const sections = [
    `## healing: ${report.outcome}\n\n${report.summary}`,
    report.environment ? renderEnvironment(report.environment) : '',
    renderFailure(report),
    renderAttempts(report.attempts),
    report.culprit ? renderCulprit(report.culprit) : '',
    report.chosen ? renderChosen(report.chosen) : '',
    report.chosen?.leftOut ? renderLeftOut(report.chosen.leftOut) : '',
    renderResults(report.before, report.after),
    renderSetup(report.metrics),
    report.flakyTests.length > 0 ? renderFlaky(report) : '',
    `<sub>heal ${report.id} · fingerprint \`${report.fingerprint.slice(0, 12)}\` · ${Math.round(report.durationMs)} ms</sub>`,
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}

function renderFailure(report: HealReport): string {
  if (report.failingTests.length === 0)
    return `### What failed\n\nNothing failed on \`${short(report.sha)}\`.`;
  const rows = report.failingTests.map((test) => `| ${cell(test.id)} | ${cell(firstLine(test.message))} |`);
  return [
    `### What failed\n\nOn \`${short(report.sha)}\`${report.branch ? ` (branch \`${report.branch}\`)` : ''}:`,
    '',
    '| test | error |',
    '| --- | --- |',
    ...rows,
  ].join('\n');
}

function renderAttempts(attempts: readonly HealAttempt[]): string {
  if (attempts.length === 0) return '### What was tried\n\nNothing.';
  const rows = attempts.map(
    (attempt, index) =>
      `| ${index + 1} | ${attempt.strategy} | ${attempt.outcome} | ${attempt.testRuns} | ${seconds(attempt.durationMs)} | ${cell(attempt.reason)} |`,
  );
  return [
    '### What was tried',
    '',
    '| # | strategy | outcome | test runs | duration | reason |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function renderCulprit(culprit: NonNullable<HealReport['culprit']>): string {
  return [
    '### Culprit',
    '',
    `\`${short(culprit.sha)}\` by ${cell(culprit.author)}: ${cell(firstLine(culprit.message))}`,
    '',
    `Files: ${culprit.files.map((file) => `\`${file}\``).join(', ') || '(none)'}`,
  ].join('\n');
}

function renderChosen(chosen: HealAttempt): string {
  const stat = chosen.diffStat
    ? ` (${chosen.diffStat.files} files, +${chosen.diffStat.insertions} −${chosen.diffStat.deletions})`
    : '';
  const patch = chosen.patch ?? '';
  const shown = patch.length > MAX_PATCH_CHARS ? `${patch.slice(0, MAX_PATCH_CHARS)}\n… (truncated)` : patch;
  const fence = shown.includes('```') ? '~~~~' : '```';
  return [
    '### The change',
    '',
    `From the **${chosen.strategy}** strategy${stat}.`,
    '',
    '<details><summary>diff</summary>',
    '',
    `${fence}diff\n${shown.trimEnd()}\n${fence}`,
    '',
    '</details>',
  ].join('\n');
}

function renderResults(before: TestResult, after: TestResult | undefined): string {
  const row = (label: string, result: TestResult) =>
    `| ${label} | ${result.passed} | ${result.failed} | ${result.skipped} | ${result.total} |`;
  return [
    '### Test results',
    '',
    '| | passed | failed | skipped | total |',
    '| --- | --- | --- | --- | --- |',
    row('before', before),
    ...(after ? [row('after', after)] : []),
  ].join('\n');
}

function renderEnvironment(environment: NonNullable<HealReport['environment']>): string {
  const where = environment.where === 'checkout' ? 'the checkout' : "healing's workspace";
  return [
    '### The tests could not run',
    '',
    `In ${where} (${environment.kind}): ${cell(environment.message)}`,
    '',
    'This is about the environment, not the code: no verdict on the tests was drawn from it.',
  ].join('\n');
}

function renderLeftOut(leftOut: NonNullable<HealAttempt['leftOut']>): string {
  const rows = leftOut.map((entry) => `| \`${cell(entry.path)}\` | ${cell(entry.reason)} |`);
  return [
    '### Left as it is',
    '',
    'This change reverts only part of the culprit; these files keep their current content:',
    '',
    '| file | why |',
    '| --- | --- |',
    ...rows,
  ].join('\n');
}

function renderSetup(metrics: HealReport['metrics']): string {
  const setups = metrics?.setups ?? [];
  if (setups.length === 0) return '';
  const rows = setups.map(
    (setup) =>
      `| ${cell(setup.label)} | \`${short(setup.revision)}\` | ${setup.mode} | ${seconds(setup.durationMs)} | ${cell(setup.failure ?? setup.command ?? (setup.dependencies ?? []).join(', '))} |`,
  );
  return [
    '<details><summary>Workspace setup</summary>',
    '',
    '| workspace | at | how | time | detail |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '</details>',
  ].join('\n');
}

function renderFlaky(report: HealReport): string {
  const rows = report.flakyTests.map((test) => `| ${cell(test.id)} | ${test.passes} | ${test.failures} |`);
  return ['### Flaky tests', '', '| test | passed | failed |', '| --- | --- | --- |', ...rows].join('\n');
}

const short = (sha: string): string => sha.slice(0, 7);
const firstLine = (text: string): string => text.trim().split('\n')[0] ?? '';
const seconds = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(1)} s`;

/** Text safe inside a Markdown table cell: one line, pipes escaped, bounded. */
function cell(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replaceAll('|', '\\|').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
