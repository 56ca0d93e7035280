import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPnpmMonorepo } from '../src/index.js';
import { runCommand } from '../src/run-command.js';

describe('createPnpmMonorepo', () => {
  const project = createPnpmMonorepo();
  afterAll(() => project.cleanup());

  it('links the workspace packages and passes vitest and prettier from a clean checkout', () => {
    expect(lstatSync(join(project.dir, 'packages/api/node_modules/@shelf/core')).isSymbolicLink()).toBe(true);
    expect(existsSync(join(project.dir, 'node_modules/.pnpm'))).toBe(true);
    expect(project.git('status', '--porcelain')).toBe('');
    expect(project.git('ls-files')).toContain('pnpm-lock.yaml');
    const output = runCommand('npx', ['vitest', 'run'], {
      cwd: project.dir,
      env: { NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    expect(output).toMatch(/Tests\s+34 passed/);
    runCommand('npx', ['prettier', '--check', '.'], { cwd: project.dir });
  });
});
