import { HealingError } from '@healing/adapters';
import { z } from 'zod';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export interface ChatCompletion {
  readonly content: string;
  readonly totalTokens: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export interface ChatCompletionsClientOptions {
  /** e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1; `/chat/completions` is appended. */
  readonly baseUrl: string;
  readonly model: string;
  /** Sent as a bearer token when present; local servers often need none. */
  readonly apiKey?: string | undefined;
  readonly fetch: typeof fetch;
  readonly sleep: (milliseconds: number) => Promise<void>;
  readonly timeoutMs: number;
  readonly temperature?: number;
  /** Retries after 429 and 5xx answers, with doubling waits. */
  readonly retries?: number;
}

export interface ChatCompletionsClient {
  complete(
    messages: readonly ChatMessage[],
    options?: { readonly signal?: AbortSignal },
  ): Promise<ChatCompletion>;
}

const CompletionResponseSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().default('') }) })).min(1),
  usage: z
    .object({
      prompt_tokens: z.number().nonnegative().default(0),
      completion_tokens: z.number().nonnegative().default(0),
      total_tokens: z.number().nonnegative().optional(),
    })
    .optional(),
});

/** A client for any OpenAI-compatible chat-completions endpoint, over an injected fetch. */
export function createChatCompletionsClient(options: ChatCompletionsClientOptions): ChatCompletionsClient {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const secrets = options.apiKey ? [options.apiKey] : [];
  const retries = options.retries ?? 2;
  const fail = (code: 'MODEL_FAILED' | 'AUTH_FAILED' | 'RATE_LIMITED', message: string, cause?: unknown) =>
    new HealingError(code, message, { secrets, ...(cause === undefined ? {} : { cause }) });

  return {
    async complete(messages, callOptions = {}) {
      const body = JSON.stringify({
        model: options.model,
        messages,
        temperature: options.temperature ?? 0,
      });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
      for (let attempt = 0; ; attempt += 1) {
        const timeout = AbortSignal.timeout(options.timeoutMs);
        const signal = callOptions.signal ? AbortSignal.any([timeout, callOptions.signal]) : timeout;
        let response: Response;
        try {
          response = await options.fetch(url, { method: 'POST', headers, body, signal });
        } catch (error) {
          throw fail(
            'MODEL_FAILED',
            `model endpoint ${url} could not be reached (${describe(error)}): check strategies.model.baseUrl and that the server runs`,
            error,
          );
        }
        const text = await response.text();
        if (response.ok) return parseCompletion(text, url, fail);
        const isRetryable = response.status === 429 || response.status >= 500;
        if (isRetryable && attempt < retries) {
          await options.sleep(1000 * 2 ** attempt);
          continue;
        }
        const excerpt = text.slice(0, 300);
        if (response.status === 401 || response.status === 403) {
          throw fail(
            'AUTH_FAILED',
            `model endpoint ${url} refused the key (HTTP ${response.status}): set the variable named by strategies.model.apiKeyEnv to a valid key`,
          );
        }
        throw fail(
          response.status === 429 ? 'RATE_LIMITED' : 'MODEL_FAILED',
          `model endpoint ${url} answered HTTP ${response.status}: ${excerpt}`,
        );
      }
    },
  };
}

function parseCompletion(
  text: string,
  url: string,
  fail: (code: 'MODEL_FAILED', message: string, cause?: unknown) => HealingError,
): ChatCompletion {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fail('MODEL_FAILED', `model endpoint ${url} answered with non-JSON: ${text.slice(0, 200)}`, error);
  }
  const parsed = CompletionResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw fail(
      'MODEL_FAILED',
      `model endpoint ${url} answered without choices[0].message.content: is it an OpenAI-compatible chat-completions endpoint?`,
    );
  }
  const usage = parsed.data.usage;
  const promptTokens = usage?.prompt_tokens ?? 0;
  const completionTokens = usage?.completion_tokens ?? 0;
  return {
    content: parsed.data.choices[0]?.message.content ?? '',
    promptTokens,
    completionTokens,
    totalTokens: usage?.total_tokens ?? promptTokens + completionTokens,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
