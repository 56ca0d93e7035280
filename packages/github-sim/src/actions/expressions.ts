import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition } from '@actions/expressions/funcs/info';
import { truthy } from '@actions/expressions/result';
import { HealingError } from '@healing/adapters';
import { hashFiles } from './hash-files.js';

/** The values `${{ … }}` expressions may read. */
export interface ExpressionScope {
  readonly inputs: Readonly<Record<string, string>>;
  readonly github: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  readonly runner: Readonly<Record<string, string>>;
  /** Finished steps with an `id`: their outputs (from `$GITHUB_OUTPUT`), outcome and conclusion. */
  readonly steps?: Readonly<Record<string, StepResult>>;
  /** The job's state when the expression is read (`job.status`, status functions); running by default. */
  readonly status?: JobStatus;
}

export interface StepResult {
  readonly outputs: Readonly<Record<string, string>>;
  readonly outcome: string;
  readonly conclusion: string;
}

/** Where the job stands, for the status functions `success()`, `failure()`, `cancelled()`. */
export interface JobStatus {
  readonly hasFailed: boolean;
  readonly isCancelled: boolean;
}

const EXPRESSION = /\$\{\{(.*?)\}\}/gs;
// Contexts a workflow may name; those the simulator does not fill (matrix, needs, …) read as empty.
const CONTEXTS = [
  'github',
  'inputs',
  'env',
  'runner',
  'secrets',
  'vars',
  'job',
  'steps',
  'matrix',
  'strategy',
  'needs',
];

function dictionary(values: Readonly<Record<string, string>>): data.Dictionary {
  return new data.Dictionary(
    ...Object.entries(values).map(([key, value]) => ({ key, value: new data.StringData(value) })),
  );
}

function contextOf(scope: ExpressionScope, status: JobStatus): data.Dictionary {
  const github = dictionary(scope.github);
  github.add('event', new data.Dictionary({ key: 'inputs', value: dictionary(scope.inputs) }));
  const jobStatus = status.isCancelled ? 'cancelled' : status.hasFailed ? 'failure' : 'success';
  const named: Record<string, data.Dictionary> = {
    github,
    inputs: dictionary(scope.inputs),
    env: dictionary(scope.env),
    runner: dictionary(scope.runner),
    // No secrets exist in the simulator: a workflow asking for one gets the empty string, as on a fork.
    job: dictionary({ status: jobStatus }),
    steps: new data.Dictionary(
      ...Object.entries(scope.steps ?? {}).map(([id, step]) => ({
        key: id,
        value: new data.Dictionary(
          { key: 'outputs', value: dictionary(step.outputs) },
          { key: 'outcome', value: new data.StringData(step.outcome) },
          { key: 'conclusion', value: new data.StringData(step.conclusion) },
        ),
      })),
    ),
  };
  return new data.Dictionary(...CONTEXTS.map((key) => ({ key, value: named[key] ?? new data.Dictionary() })));
}

/** The functions GitHub adds to the expression language in steps: job status and hashFiles. */
function runnerFunctions(status: JobStatus, scope: ExpressionScope): Map<string, FunctionDefinition> {
  const define = (name: string, value: () => boolean): [string, FunctionDefinition] => [
    name,
    { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(value()) },
  ];
  const hash: FunctionDefinition = {
    name: 'hashFiles',
    minArgs: 1,
    maxArgs: 255,
    call: (...patterns) => {
      const workspace = scope.github.workspace;
      if (!workspace) throw new Error('hashFiles is only available in steps, where a workspace exists');
      return new data.StringData(
        hashFiles(
          workspace,
          patterns.map((pattern) => pattern.coerceString()),
        ),
      );
    },
  };
  return new Map([
    define('success', () => !status.hasFailed && !status.isCancelled),
    define('failure', () => status.hasFailed && !status.isCancelled),
    define('always', () => true),
    define('cancelled', () => status.isCancelled),
    // The evaluator looks functions up by their lower-cased name.
    ['hashfiles', hash],
  ]);
}

const RUNNING: JobStatus = { hasFailed: false, isCancelled: false };

/** Evaluates one expression with GitHub's own expression engine (@actions/expressions). */
export function evaluateExpression(
  expression: string,
  scope: ExpressionScope,
  status: JobStatus = scope.status ?? RUNNING,
): data.ExpressionData {
  const functions = runnerFunctions(status, scope);
  try {
    const { tokens } = new Lexer(expression).lex();
    const parsed = new Parser(tokens, CONTEXTS, [...functions.values()]).parse();
    return new Evaluator(parsed, contextOf(scope, status), functions).evaluate();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HealingError(
      'CONFIG_INVALID',
      `expression \${{ ${expression.trim()} }} cannot be evaluated: ${reason}`,
      {
        cause: error,
      },
    );
  }
}

/** Replaces every `${{ expression }}` in `text` with its value as a string, as GitHub does in `run:` and `with:`. */
export function substituteExpressions(text: string, scope: ExpressionScope): string {
  return text.replace(EXPRESSION, (_whole, expression: string) =>
    evaluateExpression(expression, scope).coerceString(),
  );
}

/**
 * A step's `if:`. As on GitHub, a condition that calls no status function is implicitly
 * `success() && (condition)`, and `${{ }}` around it is optional.
 */
export function stepShouldRun(
  condition: string | boolean | undefined,
  scope: ExpressionScope,
  status: JobStatus,
): boolean {
  if (condition === undefined || condition === '') return !status.hasFailed && !status.isCancelled;
  if (typeof condition === 'boolean') return condition && !status.hasFailed && !status.isCancelled;
  const inner = condition.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const callsStatus = /\b(success|failure|always|cancelled)\s*\(/.test(inner);
  const expression = callsStatus ? inner : `success() && (${inner})`;
  return truthy(evaluateExpression(expression, scope, status));
}
