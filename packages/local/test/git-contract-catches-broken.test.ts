import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionAdapter, GitAdapter } from '@healing/adapters';
import {
  type ExecutionContractSubject,
  executionContractCases,
  type GitContractSubject,
  gitContractCases,
  runContractCases,
} from '@healing/adapters/testing';
import { describe, expect, it } from 'vitest';
import { createProcessExecution } from '../src/execution/process-execution.js';
import { createCliGit } from '../src/git/cli-git.js';
import { contractSubject, createRepository, git } from './git-fixture.js';

// The git and execution suites must be able to fail: each broken adapter below breaks one
// promise of the contract, and the cases that guard it must say so.
const failedNames = (outcomes: Awaited<ReturnType<typeof runContractCases>>): string[] =>
  outcomes.filter((outcome) => outcome.status === 'failed').map((outcome) => outcome.name);

async function gitSubject(wrap: (git: GitAdapter, dir: string) => GitAdapter): Promise<GitContractSubject> {
  const repository = await createRepository();
  return contractSubject(repository, wrap(createCliGit({ dir: repository.dir }), repository.dir));
}
const disposeGit = (subject: GitContractSubject) => subject.cleanup?.();
const only = (names: string[]) =>
  gitContractCases.filter((contractCase) => names.includes(contractCase.name));

describe('the git contract can fail', () => {
  it('catches an updateRef that moves branches without the fast-forward check', async () => {
    const name = 'updateRef fast-forwards, refuses a non-fast-forward unless forced';
    const outcomes = await runContractCases(
      only([name]),
      () =>
        gitSubject((inner) => ({
          ...inner,
          updateRef: (options) => inner.updateRef({ ...options, force: true }),
        })),
      disposeGit,
    );
    expect(failedNames(outcomes)).toEqual([name]);
  });

  it('catches a commitPatch that goes through the checkout (checkout, apply, commit)', async () => {
    const name = 'commitPatch commits on a branch and leaves the working tree and current branch untouched';
    const outcomes = await runContractCases(
      only([name]),
      () =>
        gitSubject((inner, dir) => ({
          ...inner,
          async commitPatch(patch, options) {
            if (!(await inner.listBranches()).includes(options.branch))
              await inner.createBranch(options.branch, { from: options.base ?? 'HEAD' });
            git(dir, 'switch', '--quiet', options.branch);
            const { changes } = await inner.applyPatch(patch, options.reverse ? { reverse: true } : {});
            return { ...(await inner.commit({ message: options.message })), changes };
          },
        })),
      disposeGit,
    );
    expect(failedNames(outcomes)).toEqual([name]);
  });

  it("catches a revert computed as the commit's diff in reverse, not merged onto later history", async () => {
    const names = [
      'revertPatch merges the revert onto later history file by file, as git revert does',
      'revert refuses a revert that conflicts, naming the files, and commits nothing',
    ];
    const outcomes = await runContractCases(
      only(names),
      () =>
        gitSubject((inner) => ({
          ...inner,
          async revertPatch(sha) {
            const [commit] = await inner.log({ to: sha, limit: 1 });
            const patch = await inner.diff({ from: sha, to: commit?.parents[0] ?? sha });
            const paths = await inner.changedFiles(sha);
            return { patch, files: paths.map((path) => ({ path, status: 'reverted' as const })) };
          },
        })),
      disposeGit,
    );
    expect(failedNames(outcomes)).toEqual(names);
  });

  it('catches concurrent commits that overwrite each other (no compare-and-swap)', async () => {
    const name = 'concurrent commits on one branch lose nothing (or fail typed)';
    const outcomes = await runContractCases(
      only([name]),
      () =>
        gitSubject((inner, dir) => ({
          ...inner,
          // Every commit is built on the head it read first, then the branch is forced: last writer wins.
          async commit(options) {
            if (options.changes === undefined || options.branch === undefined) return inner.commit(options);
            const head = await inner.headSha(options.branch);
            await new Promise((resolve) => setTimeout(resolve, 50));
            const scratch = `scratch-${Math.random().toString(16).slice(2)}`;
            await inner.createBranch(scratch, { from: head });
            const { sha } = await inner.commit({ ...options, branch: scratch });
            git(dir, 'update-ref', `refs/heads/${options.branch}`, sha);
            return { sha };
          },
        })),
      disposeGit,
    );
    expect(failedNames(outcomes)).toEqual([name]);
  });
});

async function executionSubject(
  create: (env: Record<string, string | undefined>) => ExecutionAdapter,
): Promise<ExecutionContractSubject> {
  const dir = await mkdtemp(join(tmpdir(), 'healing-exec-broken-'));
  const parentSecret = { name: 'GITHUB_TOKEN', value: 'ghp_brokenAdapterToken0987654321' };
  const env = { PATH: process.env.PATH, HOME: dir, [parentSecret.name]: parentSecret.value };
  return {
    execution: create(env),
    dir,
    parentSecret,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
const onlyExecution = (names: string[]) =>
  executionContractCases.filter((contractCase) => names.includes(contractCase.name));

describe('the execution contract can fail', () => {
  it('catches an adapter that hands the parent environment to commands', async () => {
    const name = 'passes spec.env and the allowlist, never the parent secrets';
    const outcomes = await runContractCases(
      onlyExecution([name]),
      // Allowing every name of the parent env is what "inherit process.env" amounts to.
      () => executionSubject((env) => createProcessExecution({ env, allowEnv: Object.keys(env) })),
      (subject) => subject.cleanup?.(),
    );
    expect(failedNames(outcomes)).toEqual([name]);
  });

  it('catches output capture that keeps the head instead of the tail', async () => {
    const name = 'output past the cap keeps its tail';
    const outcomes = await runContractCases(
      onlyExecution([name]),
      () =>
        executionSubject((env) => {
          const inner = createProcessExecution({ env });
          return {
            ...inner,
            async run(spec) {
              const result = await inner.run({ ...spec, maxOutputBytes: Number.MAX_SAFE_INTEGER });
              const cap = spec.maxOutputBytes ?? result.stdout.length;
              return {
                ...result,
                stdout: result.stdout.slice(0, cap),
                outputTruncated: result.stdout.length > cap,
              };
            },
          };
        }),
      (subject) => subject.cleanup?.(),
    );
    expect(failedNames(outcomes)).toEqual([name]);
  });
});
