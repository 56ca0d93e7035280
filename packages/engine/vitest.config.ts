import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // End-to-end heals run real git and node processes on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
