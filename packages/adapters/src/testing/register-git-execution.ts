import { type ExecutionContractSubject, executionContractCases } from './execution-contract.js';
import { type GitContractSubject, gitContractCases } from './git-contract.js';
import { type ContractSuiteOptions, registerCases } from './register.js';

/** Registers the git contract; `create` returns a fresh repository with one commit on `main`. */
export function testGitAdapter(
  title: string,
  create: () => Promise<GitContractSubject> | GitContractSubject,
  options: ContractSuiteOptions = {},
): void {
  registerCases(
    `GitAdapter contract: ${title}`,
    gitContractCases,
    create,
    (subject) => subject.cleanup?.(),
    options,
  );
}

/** Registers the execution contract; `create` injects a parent env holding `parentSecret`. */
export function testExecutionAdapter(
  title: string,
  create: () => Promise<ExecutionContractSubject> | ExecutionContractSubject,
  options: ContractSuiteOptions = {},
): void {
  registerCases(
    `ExecutionAdapter contract: ${title}`,
    executionContractCases,
    create,
    (subject) => subject.cleanup?.(),
    options,
  );
}
