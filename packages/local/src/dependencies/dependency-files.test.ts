import { describe, expect, it } from 'vitest';
import { isDependencyFile } from './dependency-files.js';

describe('isDependencyFile', () => {
  it('knows manifests, lockfiles and package manager settings at any depth', () => {
    for (const path of [
      'package.json',
      'packages/a/package.json',
      'pnpm-lock.yaml',
      '.npmrc',
      'yarn.lock',
      'bun.lockb',
      'pyproject.toml',
      'backend/setup.cfg',
      'requirements.txt',
      'requirements-dev.txt',
      'requirements/test.txt',
      'constraints.txt',
      'uv.lock',
      'Pipfile.lock',
    ]) {
      expect(isDependencyFile(path), path).toBe(true);
    }
  });

  it('ignores sources and anything inside installed dependencies', () => {
    for (const path of [
      'src/index.ts',
      'package.json.bak',
      'docs/requirements.md',
      // What a documentation build needs: a change there reinstalls nothing the tests use.
      'requirements-docs.txt',
      'docs/requirements.txt',
      'node_modules/mocha/package.json',
      'packages/a/node_modules/b/package.json',
      '.venv/lib/python3.11/site-packages/pip/setup.py',
    ]) {
      expect(isDependencyFile(path), path).toBe(false);
    }
  });
});
