import { commandSucceeded } from '@healing/adapters';
import type { HealContext } from '../run/heal-context.js';
import { runConfiguredCommand, runTestSuite } from '../run/run-commands.js';
import type { BisectVerdict } from './bisect.js';

export type CommitVerdict = BisectVerdict;

/**
 * Tests one commit in its own workspace: `skip` when it does not build or the runner could
 * not report, `bad` when any target test fails, `good` otherwise (a target test that does
 * not exist yet counts as not failing: the commit that added it may be the culprit).
 */
export async function testCommit(context: HealContext, sha: string): Promise<CommitVerdict> {
  const verdict = await judgeCommit(context, sha);
  context.emit({ type: 'bisect-step', sha, verdict });
  return verdict;
}

async function judgeCommit(context: HealContext, sha: string): Promise<CommitVerdict> {
  const workspace = await context.workspaces.create({ revision: sha, label: 'bisect' });
  context.metrics.workspaces += 1;
  try {
    if (context.config.build !== undefined) {
      const build = await runConfiguredCommand(context, workspace.execution, context.config.build);
      if (!commandSucceeded(build)) return 'skip';
    }
    const { command, result } = await runTestSuite(context, workspace.execution);
    if (command.timedOut || command.aborted || result.total === 0) return 'skip';
    if (result.source === 'exit-code') return result.failed > 0 ? 'bad' : 'good';
    const failed = new Set(result.failedTests.map((test) => test.id));
    return context.targetIds.some((id) => failed.has(id)) ? 'bad' : 'good';
  } finally {
    await workspace.dispose();
  }
}
