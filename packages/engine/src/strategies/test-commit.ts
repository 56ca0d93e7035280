import { commandSucceeded, type TestRunResult } from '@healing/adapters';
import type { HealContext } from '../run/heal-context.js';
import {
  describeCommand,
  focusTargets,
  ranFocusTargets,
  runConfiguredCommand,
  runTestSuite,
} from '../run/run-commands.js';
import { withWorkspace } from '../run/with-workspace.js';
import type { BisectVerdict } from './bisect.js';

export type CommitVerdict = BisectVerdict;

/**
 * Tests one commit in its own workspace, focused on the target tests where the runner
 * allows: `skip` when it cannot be judged (it does not build, its setup failed, the tests could
 * not run), `bad` when a target test fails, `good` otherwise (a target test that does not exist
 * yet counts as not failing: the commit that added it may be the culprit).
 */
export async function testCommit(context: HealContext, sha: string): Promise<CommitVerdict> {
  const { verdict, reason } = await judgeCommit(context, sha);
  context.emit({ type: 'bisect-step', sha, verdict, ...(reason ? { reason } : {}) });
  return verdict;
}

async function judgeCommit(
  context: HealContext,
  sha: string,
): Promise<{ readonly verdict: CommitVerdict; readonly reason?: string }> {
  return withWorkspace(
    context,
    { revision: sha, label: 'bisect', prepare: true },
    async (workspace, setup) => {
      if (setup?.failure !== undefined) return { verdict: 'skip', reason: setup.failure };
      if (context.config.build !== undefined) {
        const build = await runConfiguredCommand(context, workspace.execution, context.config.build);
        if (!commandSucceeded(build)) {
          return {
            verdict: 'skip',
            reason: `build \`${describeCommand(context.config.build.command)}\` fails`,
          };
        }
      }
      const focus = focusTargets(context);
      let run = await runTestSuite(context, workspace.execution, focus ? { focus } : {});
      if (focus !== undefined && run.focused && !ranFocusTargets(run, focus)) {
        // None of the targets ran: they may not exist yet at this commit, or the filter failed.
        // A full run tells which, and a filter that failed is not used again.
        run = await runTestSuite(context, workspace.execution);
        if (ranFocusTargets(run, focus)) context.focus.isEnabled = false;
      }
      return verdictOf(context, run);
    },
  );
}

function verdictOf(
  context: HealContext,
  run: TestRunResult,
): { readonly verdict: CommitVerdict; readonly reason?: string } {
  const { command, result, problem } = run;
  if (problem !== undefined) return { verdict: 'skip', reason: `${problem.kind}: ${problem.message}` };
  if (command.timedOut || command.aborted) return { verdict: 'skip', reason: 'the tests timed out' };
  if (result.source === 'exit-code') return { verdict: result.failed > 0 ? 'bad' : 'good' };
  const failed = new Set(result.failedTests.map((test) => test.id));
  return { verdict: context.targetIds.some((id) => failed.has(id)) ? 'bad' : 'good' };
}
