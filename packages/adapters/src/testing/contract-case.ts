import { randomBytes } from 'node:crypto';

/**
 * One check of a contract. Cases are plain async functions that throw on failure, so the
 * same list can be registered with a test runner or run directly (to prove a broken
 * implementation fails them).
 */
export interface ContractCase<TSubject> {
  readonly name: string;
  /** Capability or option the case needs; the case is skipped when the subject lacks it. */
  readonly requires?: (subject: TSubject) => boolean;
  readonly run: (subject: TSubject) => Promise<void>;
}

export interface ContractCaseOutcome {
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly error?: unknown;
}

/** Runs every case against a fresh subject from `create`, returning what passed and failed. */
export async function runContractCases<TSubject>(
  cases: readonly ContractCase<TSubject>[],
  create: () => Promise<TSubject> | TSubject,
  dispose: (subject: TSubject) => Promise<void> | void = () => {},
): Promise<ContractCaseOutcome[]> {
  const outcomes: ContractCaseOutcome[] = [];
  for (const contractCase of cases) {
    const subject = await create();
    try {
      if (contractCase.requires && !contractCase.requires(subject)) {
        outcomes.push({ name: contractCase.name, status: 'skipped' });
        continue;
      }
      await contractCase.run(subject);
      outcomes.push({ name: contractCase.name, status: 'passed' });
    } catch (error) {
      outcomes.push({ name: contractCase.name, status: 'failed', error });
    } finally {
      await dispose(subject);
    }
  }
  return outcomes;
}

/** A key or file name no other test uses, so suites can share a backend. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/** Lets other queued work run, so "concurrent" calls really interleave. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
