import { createMemoryCache } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { heal } from '../src/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../src/testing/index.js';
import { BASE_FILES, BROKEN_SUM_SOURCE, SUM_SOURCE } from './helpers/fixture-sources.js';
import { localAdapters, TEST_COMMAND } from './helpers/local-adapters.js';
import { createTempRepo, diffOf, type TempRepo } from './helpers/temp-repo.js';

let repo: TempRepo | undefined;
let server: ScriptedModelServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
});

const fence = (diff: string) => `\`\`\`diff\n${diff}\`\`\`\n`;
const manifest = (test: string) =>
  `${JSON.stringify({ name: 'app', private: true, scripts: { test } }, null, 2)}\n`;

describe('heal: a candidate that changes how the tests run', () => {
  it('is refused, whatever makes it, even when the tests then pass', async () => {
    repo = createTempRepo({ ...BASE_FILES, 'package.json': manifest('node run-tests.mjs') });
    repo.commit('Refactor sum', { 'src/sum.mjs': BROKEN_SUM_SOURCE });
    // Runs only mul's tests: green, and proves nothing about sum.
    const skipsSum = diffOf(repo, { 'package.json': manifest('node run-tests.mjs mul.test.mjs') });
    const fix = diffOf(repo, { 'src/sum.mjs': SUM_SOURCE });
    server = await startScriptedModelServer({ answers: [fence(skipsSum), fence(fix)] });
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      env: {},
      config: {
        test: { ...TEST_COMMAND, command: 'npm test' },
        strategies: {
          flaky: { reruns: 1 },
          regression: { enabled: false },
          model: { enabled: true, baseUrl: server.baseUrl, maxAttempts: 2 },
        },
      },
    });

    const model = report.attempts.filter((attempt) => attempt.strategy === 'model');
    expect(model.map((attempt) => attempt.outcome)).toEqual(['rejected', 'accepted']);
    expect(model[0]?.reason).toContain(
      'refused by guardrails: changes how the tests run: the "test" script in package.json',
    );
    expect(model[0]?.testRuns).toBe(0);
    expect(report.outcome).toBe('healed');
    expect(report.chosen?.patch).toContain('+  return a + b;');
    // The model was told why.
    expect(JSON.stringify(server.requests.at(-1))).toContain('changes how the tests run');
  }, 60_000);
});
