import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPytestProject } from '../src/index.js';
import { runCommand } from '../src/run-command.js';

describe('createPytestProject', () => {
  const project = createPytestProject();
  afterAll(() => project.cleanup());

  it('has its own venv with the project installed editable, and passes only with that venv', () => {
    const sitePackages = join(project.dir, '.venv/lib/python3.11/site-packages');
    expect(readdirSync(sitePackages)).toEqual(
      expect.arrayContaining(['textkit.egg-link', 'easy-install.pth']),
    );
    expect(readFileSync(join(sitePackages, 'easy-install.pth'), 'utf8')).toContain(join(project.dir, 'src'));
    expect(project.git('status', '--porcelain')).toBe('');
    const output = runCommand('python3', ['-m', 'pytest', '-q'], { cwd: project.dir, env: project.env });
    expect(output).toMatch(/71 passed/);
    // The machine's interpreter has another xmltodict and not the project: it cannot pass.
    expect(() =>
      runCommand('python3', ['-m', 'pytest', '-q', '-p', 'no:cacheprovider'], { cwd: project.dir }),
    ).toThrow();
    runCommand('python3', ['tools/lint.py'], { cwd: project.dir });
  });
});
