import { afterEach, describe, it } from 'vitest';
import type { ContractCase } from './contract-case.js';
import { type ExecutionContractSubject, executionContractCases } from './execution-contract.js';
import { type GitContractSubject, gitContractCases } from './git-contract.js';
import type { ContractSuiteOptions } from './register.js';

function registerWithCleanup<TSubject extends { cleanup?(): Promise<void> }>(
  title: string,
  cases: readonly ContractCase<TSubject>[],
  create: () => Promise<TSubject> | TSubject,
  options: ContractSuiteOptions,
): void {
  describe(title, () => {
    const live: TSubject[] = [];
    afterEach(async () => {
      for (const subject of live.splice(0)) await subject.cleanup?.();
    });
    for (const contractCase of cases) {
      it(
        contractCase.name,
        async (context) => {
          const subject = await create();
          live.push(subject);
          if (contractCase.requires && !contractCase.requires(subject)) {
            context.skip();
            return;
          }
          await contractCase.run(subject);
        },
        options.timeoutMs,
      );
    }
  });
}

/** Registers the git contract; `create` returns a fresh repository with one commit on `main`. */
export function testGitAdapter(
  title: string,
  create: () => Promise<GitContractSubject> | GitContractSubject,
  options: ContractSuiteOptions = {},
): void {
  registerWithCleanup(`GitAdapter contract: ${title}`, gitContractCases, create, options);
}

/** Registers the execution contract; `create` injects a parent env holding `parentSecret`. */
export function testExecutionAdapter(
  title: string,
  create: () => Promise<ExecutionContractSubject> | ExecutionContractSubject,
  options: ContractSuiteOptions = {},
): void {
  registerWithCleanup(`ExecutionAdapter contract: ${title}`, executionContractCases, create, options);
}
