import type { FailedTest } from '@healing/adapters';
import { describe, expect, it } from 'vitest';
import { failingTestFiles } from './failing-test-files.js';

const failed = (file: string | null): FailedTest => ({
  id: `${file} > t`,
  name: 't',
  file,
  message: '',
  output: '',
});

describe('failingTestFiles', () => {
  it('makes absolute paths repository-relative, strips ./ and drops duplicates and unnamed files', () => {
    expect(
      failingTestFiles(
        [
          failed('/work/repo/test/a.test.js'),
          failed('./test/b.test.js'),
          failed('test/a.test.js'),
          failed(null),
        ],
        '/work/repo',
      ),
    ).toEqual(['test/a.test.js', 'test/b.test.js']);
  });

  it('keeps an absolute path it cannot relate as a suffix-matchable path', () => {
    expect(failingTestFiles([failed('/ci/checkout/test/a.test.js')], undefined)).toEqual([
      'ci/checkout/test/a.test.js',
    ]);
  });
});
