import { createMemoryCache } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { type HealEvent, heal } from '../src/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../src/testing/index.js';
import { BASE_FILES, BROKEN_SUM_SOURCE, SUM_SOURCE, SUM_TEST } from './helpers/fixture-sources.js';
import { localAdapters, TEST_COMMAND } from './helpers/local-adapters.js';
import {
  createTempRepo,
  diffOf,
  healBranches,
  type TempRepo,
  workingTreeChanges,
} from './helpers/temp-repo.js';

const API_KEY = 'sk-fixture-0123456789abcdefghij';
let repo: TempRepo | undefined;
let server: ScriptedModelServer | undefined;
afterEach(async () => {
  repo?.cleanup();
  await server?.close();
});

const fence = (diff: string, prose = 'Here is the fix:') => `${prose}\n\n\`\`\`diff\n${diff}\`\`\`\n`;

describe('heal: a logic bug fixed by the model', () => {
  it('refuses a test edit, a workflow edit, a diff that breaks another test and a broken diff, then accepts the fix', async () => {
    repo = createTempRepo(BASE_FILES);
    repo.commit('Refactor sum', { 'src/sum.mjs': BROKEN_SUM_SOURCE });
    const head = repo.git('rev-parse', 'HEAD');
    const editsTest = diffOf(repo, { 'test/sum.test.mjs': SUM_TEST.replace('3);', '-1);') });
    const editsWorkflow = diffOf(repo, {
      'src/sum.mjs': SUM_SOURCE,
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
    });
    const breaksMul = diffOf(repo, {
      'src/sum.mjs': SUM_SOURCE,
      'src/mul.mjs': 'export function mul(a, b) {\n  return a + b;\n}\n',
    });
    const fix = diffOf(repo, { 'src/sum.mjs': SUM_SOURCE });
    server = await startScriptedModelServer({
      apiKey: API_KEY,
      answers: [
        fence(editsTest, 'The test expectation is wrong:'),
        fence(editsWorkflow),
        fence(breaksMul),
        '```diff\n--- a/src/sum.mjs\n+++ b/src/sum.mjs\n@@ this is not a hunk @@\n-return\n```',
        fence(fix),
      ],
    });
    const events: HealEvent[] = [];
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      env: { HEAL_TEST_MODEL_KEY: API_KEY },
      config: {
        test: TEST_COMMAND,
        strategies: {
          flaky: { reruns: 1 },
          regression: { enabled: false },
          model: {
            enabled: true,
            baseUrl: server.baseUrl,
            model: 'scripted-fixer',
            apiKeyEnv: 'HEAL_TEST_MODEL_KEY',
            maxAttempts: 5,
          },
        },
      },
      onEvent: (event) => events.push(event),
    });

    expect(report.outcome).toBe('healed');
    const model = report.attempts.filter((attempt) => attempt.strategy === 'model');
    expect(model.map((attempt) => attempt.outcome)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'rejected',
      'accepted',
    ]);
    expect(model[0]?.reason).toContain('edits the failing test file test/sum.test.mjs');
    expect(model[1]?.reason).toContain('.github/workflows/ci.yml is a protected path');
    expect(model[2]?.reason).toContain(
      'breaks tests that passed before: test/mul.test.mjs > multiplies two numbers',
    );
    expect(model[3]?.reason).toContain('not a valid diff');
    expect(model[4]?.reason).toContain('validated');
    expect(report.chosen?.patch).toBe(fix);
    expect(report.after?.failed).toBe(0);
    expect(report.metrics?.modelTokens).toBeGreaterThan(0);

    // The prompt carried the failure and the source; each retry carried why the last was refused.
    expect(server.requests).toHaveLength(5);
    expect(
      server.requests.every((request) => request.isAuthorized && request.model === 'scripted-fixer'),
    ).toBe(true);
    const firstPrompt = server.requests[0]?.messages.map((message) => message.content).join('\n') ?? '';
    expect(firstPrompt).toContain('test/sum.test.mjs > adds two numbers');
    expect(firstPrompt).toContain('expected -1 to be 3');
    expect(firstPrompt).toContain('### src/sum.mjs');
    expect(firstPrompt).toContain('Refactor sum');
    const thirdRetry = server.requests[3]?.messages.at(-1)?.content ?? '';
    expect(thirdRetry).toContain('breaks tests that passed before');
    expect(thirdRetry).toContain('expected 5 to be 6');

    // The key never reaches the report or the events.
    expect(JSON.stringify(report)).not.toContain(API_KEY);
    expect(JSON.stringify(events)).not.toContain(API_KEY);
    expect(events.filter((event) => event.type === 'candidate-rejected')).toHaveLength(4);

    const branch = report.delivery?.branch ?? '';
    expect(healBranches(repo)).toEqual([branch]);
    expect(repo.git('show', `${branch}:src/sum.mjs`)).toContain('return a + b;');
    expect(repo.git('ls-tree', '-r', '--name-only', branch)).not.toContain('.github');
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);
    expect(workingTreeChanges(repo)).toEqual([]);
  });
});

describe('heal: the model budgets', () => {
  const modelConfig = (baseUrl: string, extra: Record<string, number>) => ({
    test: TEST_COMMAND,
    strategies: {
      flaky: { enabled: false },
      regression: { enabled: false },
      model: { enabled: true, baseUrl, maxAttempts: 5, ...extra },
    },
  });

  it('stops asking once the reported token usage passes the token budget', async () => {
    repo = createTempRepo(BASE_FILES);
    repo.commit('Refactor sum', { 'src/sum.mjs': BROKEN_SUM_SOURCE });
    server = await startScriptedModelServer({
      answers: () => ({ content: 'no idea', promptTokens: 4_000, completionTokens: 2_000 }),
    });
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      env: {},
      config: modelConfig(server.baseUrl, { maxTokens: 10_000 }),
    });
    expect(report.outcome).toBe('not-healed');
    const model = report.attempts.filter((attempt) => attempt.strategy === 'model');
    expect(model.map((attempt) => attempt.outcome)).toEqual(['rejected', 'rejected', 'failed']);
    expect(model[2]?.reason).toBe('token budget spent: 12000 of 10000 tokens (strategies.model.maxTokens)');
    expect(server.requests).toHaveLength(2);
    expect(report.metrics?.modelTokens).toBe(12_000);
  });

  it('stops at the wall-time budget, read from the injected clock', async () => {
    repo = createTempRepo(BASE_FILES);
    repo.commit('Refactor sum', { 'src/sum.mjs': BROKEN_SUM_SOURCE });
    server = await startScriptedModelServer({ answers: () => 'still thinking' });
    let clock = Date.UTC(2026, 0, 1);
    const report = await heal({
      ...localAdapters(repo.dir),
      cache: createMemoryCache(),
      env: {},
      // Every reading of the clock is a minute later: the first attempt already uses up 2 minutes.
      now: () => {
        clock += 60_000;
        return clock;
      },
      config: modelConfig(server.baseUrl, { maxWallMs: 150_000 }),
    });
    const model = report.attempts.filter((attempt) => attempt.strategy === 'model');
    expect(model.at(-1)?.reason).toBe('wall-time budget of 150000 ms spent (strategies.model.maxWallMs)');
    expect(server.requests.length).toBeLessThan(5);
    expect(report.durationMs % 60_000).toBe(0);
  });
});
