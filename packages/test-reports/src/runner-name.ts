export const RUNNER_NAMES = ['mocha', 'jest', 'vitest', 'node', 'pytest', 'go', 'cargo'] as const;

/** A test runner whose command lines and results this package understands. */
export type RunnerName = (typeof RUNNER_NAMES)[number];
