import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Heals run Actions workflows on the simulator: real git and processes on a shared machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    tags: [
      {
        name: 'slow',
        description:
          'heals real projects whose every Actions run installs from the npm registry (minutes); `--tags-filter="!slow"` leaves them out',
        timeout: 900_000,
      },
    ],
  },
});
