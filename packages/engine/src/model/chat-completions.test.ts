import { isHealingError } from '@healing/adapters';
import { afterEach, describe, expect, it } from 'vitest';
import { type ScriptedModelServer, startScriptedModelServer } from '../testing/scripted-model-server.js';
import { createChatCompletionsClient } from './chat-completions.js';

const apiKey = 'sk-test-0123456789abcdef0123';
let server: ScriptedModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const clientFor = (baseUrl: string, key: string | undefined, sleeps: number[] = []) =>
  createChatCompletionsClient({
    baseUrl,
    model: 'scripted',
    apiKey: key,
    fetch,
    sleep: async (milliseconds) => {
      sleeps.push(milliseconds);
    },
    timeoutMs: 5_000,
  });

describe('createChatCompletionsClient', () => {
  it('sends the messages with the key and reads the answer and its token usage', async () => {
    server = await startScriptedModelServer({
      apiKey,
      answers: [{ content: 'hello', promptTokens: 11, completionTokens: 3 }],
    });
    const completion = await clientFor(server.baseUrl, apiKey).complete([{ role: 'user', content: 'hi' }]);
    expect(completion).toEqual({ content: 'hello', promptTokens: 11, completionTokens: 3, totalTokens: 14 });
    expect(server.requests[0]).toMatchObject({
      model: 'scripted',
      messages: [{ role: 'user', content: 'hi' }],
      isAuthorized: true,
    });
  });

  it('retries a 429 after the injected sleep, then succeeds', async () => {
    server = await startScriptedModelServer({ answers: [{ content: 'slow down', status: 429 }, 'ok'] });
    const sleeps: number[] = [];
    const completion = await clientFor(server.baseUrl, undefined, sleeps).complete([
      { role: 'user', content: 'x' },
    ]);
    expect(completion.content).toBe('ok');
    expect(sleeps).toEqual([1000]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]?.hasAuthorization).toBe(false);
  });

  it('reports a refused key as AUTH_FAILED without the key in the message', async () => {
    server = await startScriptedModelServer({ apiKey: 'sk-the-right-key-000000', answers: ['never'] });
    const error = await clientFor(server.baseUrl, apiKey)
      .complete([{ role: 'user', content: 'x' }])
      .catch((caught: unknown) => caught);
    expect(isHealingError(error, 'AUTH_FAILED')).toBe(true);
    expect(JSON.stringify(error)).not.toContain(apiKey);
    expect((error as Error).message).toContain('strategies.model.apiKeyEnv');
  });

  it('says which endpoint could not be reached', async () => {
    server = await startScriptedModelServer({ answers: [] });
    const { baseUrl } = server;
    await server.close();
    server = undefined;
    await expect(clientFor(baseUrl, apiKey).complete([{ role: 'user', content: 'x' }])).rejects.toThrowError(
      /could not be reached.*strategies\.model\.baseUrl/,
    );
  });
});
