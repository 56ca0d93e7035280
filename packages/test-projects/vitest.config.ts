import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Installs from the npm registry into empty caches take a while on a 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
