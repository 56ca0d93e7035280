import { commandSucceeded } from '@healing/adapters';
import { tryCandidate } from '../candidate/try-candidate.js';
import type { HealContext } from '../run/heal-context.js';
import { describeCommand, outputTail, runConfiguredCommand } from '../run/run-commands.js';
import { withWorkspace } from '../run/with-workspace.js';
import type { StrategyResult } from './strategy-result.js';

/**
 * Runs the configured deterministic fixers (formatters, `eslint --fix`, codegen) in a
 * workspace at the failing commit; whatever they changed is the candidate.
 */
export async function runAutofixStrategy(context: HealContext): Promise<StrategyResult> {
  const startedAt = context.now();
  const { commands } = context.config.strategies.autofix;
  const failed = (reason: string): StrategyResult => ({
    attempts: [
      { strategy: 'autofix', outcome: 'failed', reason, testRuns: 0, durationMs: context.now() - startedAt },
    ],
  });
  const fixed = await withWorkspace(
    context,
    { revision: context.sha, label: 'autofix', prepare: true },
    async (workspace, setup): Promise<{ readonly patch: string } | { readonly failure: string }> => {
      if (setup?.failure !== undefined)
        return { failure: `the workspace could not be set up: ${setup.failure}` };
      for (const fixer of commands) {
        const result = await runConfiguredCommand(context, workspace.execution, fixer);
        if (!commandSucceeded(result)) {
          return {
            failure: `fixer ${fixer.name} (\`${describeCommand(fixer.command)}\`) failed with exit ${result.exitCode ?? result.signal}: ${outputTail(result, 500)}`,
          };
        }
      }
      return { patch: await workspace.git.diff({ from: workspace.revision }) };
    },
  );
  if ('failure' in fixed) return failed(fixed.failure);
  const { patch } = fixed;
  const names = commands.map((fixer) => fixer.name).join(', ');
  if (patch.trim() === '') return failed(`the fixers (${names}) changed nothing`);
  const outcome = await tryCandidate(context, {
    strategy: 'autofix',
    patch,
    origin: `changes of the fixers ${names}`,
    startedAt,
  });
  return {
    attempts: [outcome.attempt],
    ...(outcome.isAccepted && outcome.after
      ? { accepted: { attempt: outcome.attempt, after: outcome.after } }
      : {}),
  };
}
