import { HealingError } from '@healing/adapters';

export const STRATEGY_NAMES = ['flaky', 'regression', 'autofix', 'model'] as const;

interface StrategyFlagValues {
  readonly base?: string | undefined;
  readonly strategies?: string | undefined;
  readonly 'model-url'?: string | undefined;
  readonly model?: string | undefined;
  readonly attempts?: string | undefined;
}

type Overrides = Record<string, unknown> & { strategies?: Record<string, Record<string, unknown>> };

/** Turns the strategy flags of `heal run` into config overrides (flags win over the file). */
export function strategyOverrides(values: StrategyFlagValues): Overrides {
  const strategies: Record<string, Record<string, unknown>> = {};
  const set = (strategy: string, key: string, value: unknown): void => {
    strategies[strategy] = { ...strategies[strategy], [key]: value };
  };
  if (values.strategies !== undefined) {
    const wanted = values.strategies
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const unknown = wanted.filter((name) => !(STRATEGY_NAMES as readonly string[]).includes(name));
    if (unknown.length > 0) {
      throw new HealingError(
        'INVALID_INPUT',
        `--strategies: unknown strategy ${unknown.map((name) => `"${name}"`).join(', ')}; allowed values: ${STRATEGY_NAMES.join(', ')}`,
      );
    }
    for (const name of STRATEGY_NAMES) set(name, 'enabled', wanted.includes(name));
  }
  if (values.base !== undefined) set('regression', 'goodRevision', values.base);
  if (values['model-url'] !== undefined) {
    set('model', 'baseUrl', values['model-url']);
    if (values.strategies === undefined) set('model', 'enabled', true);
  }
  if (values.model !== undefined) set('model', 'model', values.model);
  if (values.attempts !== undefined) {
    const attempts = Number(values.attempts);
    if (!Number.isInteger(attempts) || attempts < 1) {
      throw new HealingError(
        'INVALID_INPUT',
        `--attempts must be a whole number of at least 1, got "${values.attempts}"`,
      );
    }
    set('model', 'maxAttempts', attempts);
  }
  return Object.keys(strategies).length > 0 ? { strategies } : {};
}
