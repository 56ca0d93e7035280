import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Tests compile GitHub's response schemas and run real workflows on a shared 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
