import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryCache } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { heal } from '../src/index.js';
import { BASE_FILES, BROKEN_SUM_SOURCE, SUM_SOURCE } from './helpers/fixture-sources.js';
import { localAdapters, TEST_COMMAND } from './helpers/local-adapters.js';
import { createTempRepo, type TempRepo, workingTreeChanges } from './helpers/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

describe('heal: a checkout with uncommitted edits', () => {
  it('heals the committed revision in workspaces and leaves the edits alone', async () => {
    repo = createTempRepo(BASE_FILES);
    const good = repo.git('rev-parse', 'HEAD');
    repo.commit('break sum', { 'src/sum.mjs': BROKEN_SUM_SOURCE });
    // The user is halfway through their own fix: correct in the tree, not committed.
    const edited = `${SUM_SOURCE}// work in progress\n`;
    writeFileSync(join(repo.dir, 'src/sum.mjs'), edited);

    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      config: {
        test: TEST_COMMAND,
        strategies: { flaky: { reruns: 1 }, regression: { goodRevision: good } },
      },
    });
    expect(report.outcome).toBe('healed');
    expect(report.failingTests.map((test) => test.id)).toEqual(['test/sum.test.mjs > adds two numbers']);
    expect(repo.git('show', `${report.delivery?.branch}:src/sum.mjs`)).toBe(SUM_SOURCE.trim());
    expect(readFileSync(join(repo.dir, 'src/sum.mjs'), 'utf8')).toBe(edited);
    expect(workingTreeChanges(repo)).toEqual(['M src/sum.mjs']);
  });
});
