import type { RunProblem } from '@healing/adapters';

const WHAT: Readonly<Record<RunProblem['kind'], string>> = {
  'command-not-found': 'the test command could not start',
  'missing-dependency': 'a dependency of the tests is not installed',
  'setup-failed': 'the setup that installs the dependencies failed',
  crashed: 'the test runner stopped before reporting any test',
  'no-tests': 'the test command ran no tests',
};

const FIX: Readonly<Record<RunProblem['kind'], Record<'checkout' | 'workspace', string>>> = {
  'command-not-found': {
    checkout: "install the project's dependencies (or fix test.command) and run heal again",
    workspace: 'set `setup` in heal.config.json to install what the tests need',
  },
  'missing-dependency': {
    checkout: "install the project's dependencies and run heal again",
    workspace: 'set `setup` in heal.config.json to install what the tests need',
  },
  'setup-failed': {
    checkout: 'fix the setup command (`setup` in heal.config.json)',
    workspace: 'fix the setup command (`setup` in heal.config.json)',
  },
  crashed: {
    checkout: 'run the test command yourself to see why it stops',
    workspace: 'run the test command in a fresh clone to see why it stops',
  },
  'no-tests': {
    checkout: 'check test.command and the runner configuration',
    workspace: 'check test.command and the runner configuration',
  },
};

/** One sentence for reports: the tests could not run, where, the evidence, and what to do. */
export function environmentSummary(problem: RunProblem, where: 'checkout' | 'workspace'): string {
  const place = where === 'checkout' ? 'in your checkout' : "in healing's workspace";
  return `${WHAT[problem.kind]} ${place} (${problem.message}); ${FIX[problem.kind][where]}`;
}
