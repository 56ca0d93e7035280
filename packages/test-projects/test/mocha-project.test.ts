import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMochaProject } from '../src/index.js';
import { runCommand } from '../src/run-command.js';

describe('createMochaProject', () => {
  const project = createMochaProject();
  afterAll(() => project.cleanup());

  it('is a clean checkout with untracked installed dependencies whose tests and lint pass', () => {
    expect(existsSync(join(project.dir, 'node_modules', '.bin', 'mocha'))).toBe(true);
    expect(project.git('status', '--porcelain')).toBe('');
    expect(project.git('ls-files')).toContain('package-lock.json');
    expect(project.git('ls-files')).not.toContain('node_modules');
    const output = runCommand('npm', ['test', '--', '--reporter', 'dot'], { cwd: project.dir });
    const passing = Number(/(\d+) passing/.exec(output)?.[1]);
    expect(passing).toBeGreaterThan(150);
    runCommand('npx', ['eslint', '.'], { cwd: project.dir });
  });
});
