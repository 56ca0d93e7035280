import { createMemoryCache, HealReportSchema } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { heal, renderPullRequestBody } from '../src/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../src/testing/index.js';
import { BROKEN_SUM_SOURCE, MUL_SOURCE, MUL_TEST, SUM_TEST } from './helpers/fixture-sources.js';
import { localAdapters, TEST_COMMAND } from './helpers/local-adapters.js';
import { createTempRepo, healBranches, type TempRepo } from './helpers/temp-repo.js';

let repo: TempRepo | undefined;
let server: ScriptedModelServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
});

describe('heal: a failure nothing can fix', () => {
  it('ends not-healed with the evidence of every strategy and no branch', async () => {
    // Broken from the first commit: there is no green revision to bisect from.
    repo = createTempRepo({
      'src/sum.mjs': BROKEN_SUM_SOURCE,
      'src/mul.mjs': MUL_SOURCE,
      'test/sum.test.mjs': SUM_TEST,
      'test/mul.test.mjs': MUL_TEST,
    });
    repo.commit('docs', { 'README.md': '# fixture\n' });
    server = await startScriptedModelServer({
      answers: ['I am not sure what is wrong here.', 'Maybe check the inputs?'],
    });
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      env: {},
      config: {
        test: TEST_COMMAND,
        strategies: {
          flaky: { reruns: 2 },
          autofix: { commands: [{ name: 'noop', command: ['node', '-e', ''] }] },
          model: { enabled: true, baseUrl: server.baseUrl, maxAttempts: 2 },
        },
      },
    });

    expect(HealReportSchema.parse(report)).toEqual(report);
    expect(report.outcome).toBe('not-healed');
    expect(report.summary).toContain('not healed: 1 failing test');
    expect(report.failingTests.map((test) => test.id)).toEqual(['test/sum.test.mjs > adds two numbers']);
    expect(report.before).toMatchObject({ passed: 1, failed: 1 });
    const tried = report.attempts.map((attempt) => [attempt.strategy, attempt.outcome, attempt.reason]);
    expect(tried).toEqual([
      ['flaky', 'failed', expect.stringContaining('failed again in 2 reruns')],
      ['regression', 'failed', expect.stringContaining('no green commit found within 1 commits back')],
      ['autofix', 'failed', expect.stringContaining('the fixers (noop) changed nothing')],
      ['model', 'rejected', expect.stringContaining('not a valid diff')],
      ['model', 'rejected', expect.stringContaining('not a valid diff')],
    ]);
    expect(report.chosen).toBeUndefined();
    expect(report.delivery).toBeUndefined();
    expect(healBranches(repo)).toEqual([]);
    const body = renderPullRequestBody(report);
    expect(body).toContain('## healing: not-healed');
    expect(body).toContain('| 2 | regression | failed |');
  });
});
