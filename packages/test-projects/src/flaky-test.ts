import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A test that fails the first time it runs on a machine and passes afterwards (it leaves a
 * marker behind, as a test that depends on a warm cache or a leftover file does), in the
 * language of each fixture project. The marker lives in the temp directory, outside the
 * repository, so a workspace sees it too.
 */
export function flakyTestFiles(kind: 'mocha' | 'vitest' | 'pytest', marker: string): Record<string, string> {
  const path = join(tmpdir(), `heal-flaky-${marker}`);
  switch (kind) {
    case 'mocha':
      return {
        'test/cache.test.js': `'use strict';

const assert = require('node:assert');
const fs = require('node:fs');

describe('cache', function () {
  it('is warm', function () {
    const isWarm = fs.existsSync(${JSON.stringify(path)});
    fs.writeFileSync(${JSON.stringify(path)}, 'warm');
    assert.ok(isWarm, 'the cache was cold');
  });
});
`,
      };
    case 'vitest':
      return {
        'packages/core/test/cache.test.ts': `import { existsSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('finds the cache warm', () => {
  const isWarm = existsSync(${JSON.stringify(path)});
  writeFileSync(${JSON.stringify(path)}, 'warm');
  expect(isWarm, 'the cache was cold').toBe(true);
});
`,
      };
    case 'pytest':
      return {
        'tests/test_cache.py': `import os


def test_cache_is_warm():
    is_warm = os.path.exists(${JSON.stringify(path)})
    with open(${JSON.stringify(path)}, "w") as marker:
        marker.write("warm")
    assert is_warm, "the cache was cold"
`,
      };
  }
}
