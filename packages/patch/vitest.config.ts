import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests run real git many times; a loaded machine needs more than 5 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
