import type { HealEvent } from '@healing/engine';
import type { Colors } from './colors.js';
import { formatDuration } from './format-duration.js';

export interface EventLine {
  /** `step` lines finish a step (✓/✗); `start` lines open one a spinner may follow. */
  readonly kind: 'start' | 'step' | 'info';
  readonly text: string;
}

/** One human line per event, or null for events not worth a line. */
export function describeEvent(event: HealEvent, colors: Colors): EventLine | null {
  switch (event.type) {
    case 'run-started':
      return { kind: 'info', text: `healing ${event.repository} at ${event.sha.slice(0, 12)}` };
    case 'failure-observed': {
      const { failed, total } = event.result;
      if (failed === 0) return { kind: 'info', text: colors.green(`all ${total} tests pass`) };
      const names = event.result.failedTests.slice(0, 3).map((test) => test.id);
      const more =
        event.result.failedTests.length > 3 ? ` and ${event.result.failedTests.length - 3} more` : '';
      return {
        kind: 'info',
        text: `${colors.red(`${failed} of ${total} tests fail`)}: ${names.join(', ')}${more} (fingerprint ${event.fingerprint.slice(0, 12)})`,
      };
    }
    case 'strategy-started':
      return { kind: 'start', text: `trying ${event.strategy}` };
    case 'bisect-step':
      return {
        kind: 'info',
        text: colors.dim(
          `  bisect: ${event.sha.slice(0, 12)} is ${event.verdict}${event.reason ? ` (${event.reason})` : ''}`,
        ),
      };
    case 'workspace-ready': {
      const { setup } = event;
      if (setup.failure !== undefined) {
        return {
          kind: 'info',
          text: colors.red(`  ${event.label} workspace: setup failed: ${setup.failure}`),
        };
      }
      if (setup.mode === 'none' || setup.mode === 'per-run') return null;
      const what =
        setup.mode === 'installed'
          ? `ran ${setup.command ?? 'setup'}`
          : `${setup.mode} ${(setup.dependencies ?? []).join(', ')}`;
      return {
        kind: 'info',
        text: colors.dim(`  ${event.label} workspace: ${what} (${formatDuration(setup.durationMs)})`),
      };
    }
    case 'failure-reproduced':
      if (event.problem !== undefined) {
        return {
          kind: 'info',
          text: colors.red(`  the workspace could not run the tests: ${event.problem.message}`),
        };
      }
      return event.isReproduced ? { kind: 'info', text: colors.dim('  reproduced in a workspace') } : null;
    case 'strategy-tried': {
      const { attempt } = event;
      const mark =
        attempt.outcome === 'accepted'
          ? colors.green('✓')
          : attempt.outcome === 'skipped'
            ? colors.dim('-')
            : colors.red('✗');
      const runs = `${attempt.testRuns} test run${attempt.testRuns === 1 ? '' : 's'}`;
      return {
        kind: 'step',
        text: `${mark} ${event.strategy}: ${attempt.reason} ${colors.dim(`(${runs}, ${formatDuration(attempt.durationMs)})`)}`,
      };
    }
    case 'candidate-validated':
      return {
        kind: 'info',
        text: `  candidate from ${event.strategy} passes: ${event.after.passed} passed, ${event.after.failed} failed`,
      };
    case 'candidate-rejected':
      return { kind: 'info', text: `  candidate from ${event.strategy} refused: ${event.reason}` };
    case 'delivered': {
      const where = event.delivery.pullRequestUrl ?? `branch ${event.delivery.branch}`;
      return {
        kind: 'info',
        text: `${colors.green('delivered')}: ${where} (${event.delivery.commitSha.slice(0, 12)})`,
      };
    }
    case 'finished':
      return null;
  }
}
