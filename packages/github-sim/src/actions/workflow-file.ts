import { HealingError } from '@healing/adapters';
import { parse } from 'yaml';
import { z } from 'zod';

const Scalar = z.union([z.string(), z.number(), z.boolean()]).transform((value) => String(value));
const EnvMap = z.record(z.string(), Scalar).default({});

const StepSchema = z
  .object({
    name: z.string().optional(),
    id: z.string().optional(),
    run: z.string().optional(),
    uses: z.string().optional(),
    with: z.record(z.string(), Scalar).default({}),
    env: EnvMap,
    if: z.union([z.string(), z.boolean()]).optional(),
    'working-directory': z.string().optional(),
    'continue-on-error': z.boolean().default(false),
  })
  .refine(
    (step) => (step.run === undefined) !== (step.uses === undefined),
    'a step needs exactly one of run or uses',
  );

const JobSchema = z.object({
  name: z.string().optional(),
  'runs-on': z.unknown().optional(),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  env: EnvMap,
  /** GitHub cancels a job running longer than this (default 360). */
  'timeout-minutes': z.number().positive().optional(),
  steps: z.array(StepSchema).min(1),
});

const InputSchema = z.object({
  description: z.string().optional(),
  required: z.boolean().default(false),
  default: Scalar.optional(),
  type: z.string().optional(),
});

const BranchFilter = z
  .object({ branches: z.array(z.string()).optional() })
  .nullable()
  .optional();

const TriggerMap = z.object({
  workflow_dispatch: z
    .object({ inputs: z.record(z.string(), InputSchema).default({}) })
    .nullable()
    .optional(),
  push: BranchFilter,
});

const WorkflowSchema = z.object({
  name: z.string().optional(),
  'run-name': z.string().optional(),
  on: z.union([z.string(), z.array(z.string()), z.record(z.string(), z.unknown())]),
  env: EnvMap,
  jobs: z.record(z.string(), JobSchema),
});

export type WorkflowStep = z.infer<typeof StepSchema>;
export type WorkflowJob = z.infer<typeof JobSchema> & { readonly key: string };

export interface WorkflowFile {
  readonly name: string;
  readonly runName: string | undefined;
  readonly env: Readonly<Record<string, string>>;
  readonly jobs: readonly WorkflowJob[];
  /** Set when the workflow can be dispatched; its declared inputs. */
  readonly dispatchInputs: Readonly<Record<string, z.infer<typeof InputSchema>>> | undefined;
  /** Set when the workflow runs on push; the branch filters (empty: every branch). */
  readonly pushBranches: readonly string[] | undefined;
}

function normalizeTriggers(on: z.infer<typeof WorkflowSchema>['on']): z.infer<typeof TriggerMap> {
  const names = typeof on === 'string' ? [on] : Array.isArray(on) ? on : undefined;
  const map = names ? Object.fromEntries(names.map((name) => [name, null])) : on;
  return TriggerMap.parse(map);
}

/** Parses `.github/workflows/<file>` as far as the simulator runs it; anything else is CONFIG_INVALID naming the file. */
export function parseWorkflowFile(path: string, text: string): WorkflowFile {
  try {
    const raw = parse(text) as Record<string, unknown> | null;
    // YAML 1.1 reads a bare `on:` key as boolean true; GitHub treats it as the trigger list.
    if (raw && 'true' in raw && !('on' in raw)) raw.on = raw.true;
    const workflow = WorkflowSchema.parse(raw);
    const triggers = normalizeTriggers(workflow.on);
    const isDispatchable =
      workflow.on === 'workflow_dispatch' ||
      (typeof workflow.on === 'object' && 'workflow_dispatch' in workflow.on) ||
      (Array.isArray(workflow.on) && workflow.on.includes('workflow_dispatch'));
    const runsOnPush =
      workflow.on === 'push' ||
      (Array.isArray(workflow.on)
        ? workflow.on.includes('push')
        : typeof workflow.on === 'object' && 'push' in workflow.on);
    return {
      name: workflow.name ?? path,
      runName: workflow['run-name'],
      env: workflow.env,
      jobs: Object.entries(workflow.jobs).map(([key, job]) => ({ ...job, key })),
      dispatchInputs: isDispatchable ? (triggers.workflow_dispatch?.inputs ?? {}) : undefined,
      pushBranches: runsOnPush ? (triggers.push?.branches ?? []) : undefined,
    };
  } catch (error) {
    const reason =
      error instanceof z.ZodError
        ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
        : String(error);
    throw new HealingError('CONFIG_INVALID', `workflow ${path} cannot be run by the simulator: ${reason}`, {
      cause: error,
    });
  }
}

/** GitHub's branch filter globs, reduced to what workflows use: `*` (no slash) and `**` (anything). */
export function branchMatches(patterns: readonly string[], branch: string): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((pattern) => {
    const source = pattern
      .split('**')
      .map((part) =>
        part
          .split('*')
          .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^/]*'),
      )
      .join('.*');
    return new RegExp(`^${source}$`).test(branch);
  });
}
