import { createMemoryCache } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { heal, readFlakyStatistics, readHealHistory } from '../src/index.js';
import { BROKEN_SUM_SOURCE, MUL_SOURCE, MUL_TEST, SUM_TEST } from './helpers/fixture-sources.js';
import { localAdapters, TEST_COMMAND } from './helpers/local-adapters.js';
import { createTempRepo, healBranches, type TempRepo } from './helpers/temp-repo.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

/** `sum` broken from the first commit: nothing to bisect to, so only aborts end these heals early. */
function brokenFromTheStart(): TempRepo {
  const created = createTempRepo({
    'src/sum.mjs': BROKEN_SUM_SOURCE,
    'src/mul.mjs': MUL_SOURCE,
    'test/sum.test.mjs': SUM_TEST,
    'test/mul.test.mjs': MUL_TEST,
  });
  created.commit('docs', { 'README.md': '# fixture\n' });
  return created;
}

describe('heal: aborted', () => {
  it('stops at the abort, records nothing, and leaves the next heal of the failure free to run', async () => {
    repo = brokenFromTheStart();
    const cache = createMemoryCache();
    const config = {
      test: TEST_COMMAND,
      strategies: {
        flaky: { reruns: 2 },
        autofix: { commands: [{ name: 'noop', command: ['node', '-e', ''] }] },
        model: { enabled: false },
      },
    };
    const controller = new AbortController();
    const strategies: string[] = [];
    const failure = await heal({
      ...localAdapters(repo.dir),
      cache,
      env: {},
      config,
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'strategy-started') strategies.push(event.strategy);
        // Aborted as a worker does when its lease is lost or it shuts down.
        if (event.type === 'failure-observed') controller.abort();
      },
    }).catch((error: unknown) => error);
    expect((failure as Error).name).toBe('AbortError');
    expect(strategies).toEqual([]);
    expect(healBranches(repo)).toEqual([]);

    const again = await heal({ ...localAdapters(repo.dir), cache, env: {}, config });
    expect(again.outcome).not.toBe('duplicate');
  }, 60_000);

  it('aborted after its flaky reruns: records neither the heal nor the cut-short counts', async () => {
    repo = brokenFromTheStart();
    const cache = createMemoryCache();
    const controller = new AbortController();
    const failure = await heal({
      ...localAdapters(repo.dir),
      cache,
      env: {},
      config: { test: TEST_COMMAND, strategies: { flaky: { reruns: 1 }, model: { enabled: false } } },
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'strategy-tried' && event.strategy === 'flaky') controller.abort();
      },
    }).catch((error: unknown) => error);
    expect((failure as Error).name).toBe('AbortError');
    expect(await readFlakyStatistics(cache, 'local')).toEqual({});
    expect(await readHealHistory(cache, { repository: 'local' })).toEqual([]);
  }, 60_000);
});
