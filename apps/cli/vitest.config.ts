import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Real git, processes and servers on a shared 2-core machine: 5 s is too short under load.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The end-to-end heals wait on installs, git and child processes as much as they compute:
    // files side by side finish sooner than one at a time (vitest's default on 2 cores).
    maxWorkers: 3,
  },
});
