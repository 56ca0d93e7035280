import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Real git, processes and servers on a shared 2-core machine: 5 s is too short under load.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    tags: [
      {
        name: 'slow',
        description:
          'workspaces on real projects: installs from the npm registry, virtualenvs and pip (seconds each); `--tags-filter="!slow"` leaves them out',
        timeout: 300_000,
      },
    ],
  },
});
