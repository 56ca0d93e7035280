import { createMemoryStorage } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { gatherModelContext } from './gather-model-context.js';

const storage = () =>
  createMemoryStorage({
    files: {
      'test/sum.test.js': "import { sum } from '../src/sum.js';\nimport { helper } from './helper';\n",
      'test/helper.js': 'export const helper = 1;\n',
      'src/sum.js': 'export const sum = (a, b) => a - b;\n',
      'src/math/mul.js': 'export const mul = (a, b) => a * b;\n',
      'src/unrelated.js': 'x\n',
      'README.md': 'readme\n',
    },
  });

describe('gatherModelContext', () => {
  it('takes the failing test file, what it imports, paths in the output, then recent changes', async () => {
    const files = await gatherModelContext({
      storage: storage(),
      failedTests: [
        {
          id: 'sum > adds',
          name: 'adds',
          file: '/tmp/run-1/repo/test/sum.test.js',
          message: 'AssertionError at /tmp/run-1/repo/src/math/mul.js:1:20',
          output: '',
        },
      ],
      failingTestFiles: ['/tmp/run-1/repo/test/sum.test.js'],
      recentlyChanged: ['README.md', 'gone.js'],
      maxBytes: 10_000,
    });
    expect(files.map((file) => file.path)).toEqual([
      'test/sum.test.js',
      'src/sum.js',
      'test/helper.js',
      'src/math/mul.js',
      'README.md',
    ]);
    expect(files[1]?.content).toBe('export const sum = (a, b) => a - b;\n');
  });

  it('stops adding files at the byte budget', async () => {
    const files = await gatherModelContext({
      storage: storage(),
      failedTests: [],
      failingTestFiles: ['test/sum.test.js'],
      recentlyChanged: ['src/unrelated.js'],
      maxBytes: 72,
    });
    expect(files.map((file) => file.path)).toEqual(['test/sum.test.js']);
  });
});
