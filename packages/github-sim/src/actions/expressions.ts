/** The values `${{ … }}` expressions may read. */
export interface ExpressionScope {
  readonly inputs: Readonly<Record<string, string>>;
  readonly github: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly runner: Readonly<Record<string, string>>;
}

const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g;

function lookup(scope: ExpressionScope, expression: string): string {
  const literal = /^'(.*)'$/.exec(expression);
  if (literal) return (literal[1] ?? '').replace(/''/g, "'");
  const [head, ...rest] = expression.split('.');
  const key = rest.join('.');
  switch (head) {
    case 'inputs':
      return scope.inputs[key] ?? '';
    case 'github':
      if (key.startsWith('event.inputs.')) return scope.inputs[key.slice('event.inputs.'.length)] ?? '';
      return scope.github[key] ?? '';
    case 'env':
      return scope.env[key] ?? '';
    case 'runner':
      return scope.runner[key] ?? '';
    // No secrets exist in the simulator: a workflow asking for one gets the empty string, as on a fork.
    case 'secrets':
      return '';
    default:
      return '';
  }
}

/**
 * Replaces `${{ context.path }}` with its value. Only property lookups and string literals are
 * evaluated; GitHub's operators and functions are not emulated (they read as the empty string).
 */
export function substituteExpressions(text: string, scope: ExpressionScope): string {
  return text.replace(EXPRESSION, (_whole, expression: string) => lookup(scope, expression));
}

export type StepCondition = 'success' | 'failure' | 'always' | 'cancelled' | 'never';

/** Reads a step's `if:` as far as the simulator supports: the status functions and literal booleans. */
export function stepCondition(value: string | boolean | undefined): StepCondition | undefined {
  if (value === undefined || value === true) return 'success';
  if (value === false) return 'never';
  const text = value.replace(/^\$\{\{\s*|\s*\}\}$/g, '').trim();
  if (text === 'true' || text === 'success()') return 'success';
  if (text === 'false') return 'never';
  if (text === 'always()' || text === '!cancelled()') return 'always';
  if (text === 'failure()') return 'failure';
  if (text === 'cancelled()') return 'cancelled';
  return undefined;
}
