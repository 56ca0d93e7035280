import {
  type Culprit,
  type HealAttempt,
  type HealStrategy,
  isHealingError,
  type TestResult,
} from '@healing/adapters';
import type { HealConfig } from '../config/heal-config.js';
import { runAutofixStrategy } from '../strategies/autofix-strategy.js';
import { runModelStrategy } from '../strategies/model-strategy.js';
import { runRegressionStrategy } from '../strategies/regression-strategy.js';
import type { StrategyResult } from '../strategies/strategy-result.js';
import type { HealContext } from './heal-context.js';

type ChangeStrategy = Exclude<HealStrategy, 'flaky'>;

/** The strategies that propose a change, cheapest first. */
const CHANGE_STRATEGIES: ReadonlyArray<{
  readonly name: ChangeStrategy;
  readonly run: (context: HealContext) => Promise<StrategyResult>;
}> = [
  { name: 'regression', run: runRegressionStrategy },
  { name: 'autofix', run: runAutofixStrategy },
  { name: 'model', run: runModelStrategy },
];

export interface ChangeOutcome {
  readonly accepted?: { readonly attempt: HealAttempt; readonly after: TestResult };
  readonly culprit?: Culprit;
}

/** Tries each enabled strategy in order until one yields a validated change. */
export async function runChangeStrategies(
  context: HealContext,
  tried: (attempt: HealAttempt) => void,
): Promise<ChangeOutcome> {
  let culprit: Culprit | undefined;
  for (const strategy of CHANGE_STRATEGIES) {
    const why = skipReason(strategy.name, context.config);
    if (why !== null) {
      tried(skippedAttempt(strategy.name, why));
      continue;
    }
    context.signal?.throwIfAborted();
    context.emit({ type: 'strategy-started', strategy: strategy.name });
    const result = await guarded(strategy.name, () => strategy.run(context), context.now);
    for (const attempt of result.attempts) tried(attempt);
    culprit = result.culprit ?? culprit;
    if (result.accepted) return { accepted: result.accepted, ...(culprit ? { culprit } : {}) };
  }
  return culprit ? { culprit } : {};
}

/** Runs a strategy; a HealingError (a workspace or git call failing) ends it as a failed attempt. */
export async function guarded(
  name: HealStrategy,
  run: () => Promise<StrategyResult>,
  now: () => number,
): Promise<StrategyResult> {
  const startedAt = now();
  try {
    return await run();
  } catch (error) {
    // A broken workspace or git call ends this strategy, not the heal: the next one may still work.
    if (!isHealingError(error)) throw error;
    return {
      attempts: [
        {
          strategy: name,
          outcome: 'failed',
          reason: `${error.code}: ${error.message}`,
          testRuns: 0,
          durationMs: Math.max(0, now() - startedAt),
        },
      ],
    };
  }
}

export function skippedAttempt(strategy: HealStrategy, reason: string): HealAttempt {
  return { strategy, outcome: 'skipped', reason, testRuns: 0, durationMs: 0 };
}

function skipReason(name: ChangeStrategy, config: HealConfig): string | null {
  if (!config.strategies[name].enabled) return `switched off (strategies.${name}.enabled)`;
  if (name === 'autofix' && config.strategies.autofix.commands.length === 0) {
    return 'no fixers configured (strategies.autofix.commands)';
  }
  return null;
}
