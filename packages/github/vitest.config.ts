import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The simulator tests mostly wait on git subprocesses, so a third worker overlaps that waiting.
    maxWorkers: 3,
  },
});
