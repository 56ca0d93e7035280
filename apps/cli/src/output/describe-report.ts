import type { HealReport } from '@healing/adapters';
import type { Colors } from './colors.js';
import { formatDuration } from './format-duration.js';

/** The closing text of a heal: what happened, where the fix is, and how to review and merge it. */
export function describeReport(report: HealReport, colors: Colors, baseBranch: string): string {
  const lines: string[] = [];
  const took = formatDuration(report.durationMs);
  switch (report.outcome) {
    case 'green':
      lines.push(
        `${colors.green('green')}: all ${report.before.total} tests pass; nothing to heal (${took})`,
      );
      break;
    case 'flaky': {
      lines.push(`${colors.yellow('flaky')}: the failure did not reproduce; no change proposed (${took})`);
      for (const test of report.flakyTests)
        lines.push(`  ${test.id}: passed ${test.passes}, failed ${test.failures}`);
      break;
    }
    case 'duplicate':
      lines.push(`${colors.green('already healed')}: ${report.summary}`);
      if (report.delivery) lines.push(...whereAndHow(report, baseBranch));
      break;
    case 'healed': {
      lines.push(`${colors.green('healed')}: ${report.summary} (${took})`);
      if (report.culprit) {
        const culprit = report.culprit;
        lines.push(
          `  culprit ${culprit.sha.slice(0, 12)} "${culprit.message.split('\n')[0]}" by ${culprit.author}`,
        );
      }
      const stat = report.chosen?.diffStat;
      if (stat)
        lines.push(
          `  change: ${stat.files} file${stat.files === 1 ? '' : 's'}, +${stat.insertions} -${stat.deletions}`,
        );
      for (const entry of report.chosen?.leftOut ?? [])
        lines.push(`  left as it is: ${entry.path} (${entry.reason})`);
      if (report.after) lines.push(`  after: ${report.after.passed} passed, ${report.after.failed} failed`);
      lines.push(...whereAndHow(report, baseBranch));
      break;
    }
    case 'not-healed': {
      lines.push(`${colors.red('not healed')}: ${report.summary} (${took})`);
      for (const attempt of report.attempts)
        lines.push(`  ${attempt.strategy}: ${attempt.outcome}, ${attempt.reason}`);
      break;
    }
  }
  return lines.join('\n');
}

function whereAndHow(report: HealReport, baseBranch: string): string[] {
  const delivery = report.delivery;
  if (!delivery) return [];
  if (delivery.pullRequestUrl) return [`  pull request: ${delivery.pullRequestUrl}`];
  return [
    `  branch: ${delivery.branch} (commit ${delivery.commitSha.slice(0, 12)})`,
    `  review: git diff ${baseBranch}...${delivery.branch}`,
    `  merge:  git merge ${delivery.branch}`,
  ];
}
