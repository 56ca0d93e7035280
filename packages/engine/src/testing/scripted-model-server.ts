import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer: the assistant's text, optionally its token usage or an HTTP error. */
export interface ScriptedAnswer {
  readonly content: string;
  readonly promptTokens?: number;
  readonly completionTokens?: number;
  /** Answer with this HTTP status and `content` as the error body instead of a completion. */
  readonly status?: number;
}

export interface RecordedChatRequest {
  readonly model: string;
  readonly messages: ReadonlyArray<{ readonly role: string; readonly content: string }>;
  /** Whether an `authorization: Bearer …` header came with the request. */
  readonly hasAuthorization: boolean;
  readonly isAuthorized: boolean;
}

export type ScriptedAnswerSource =
  | ReadonlyArray<string | ScriptedAnswer>
  | ((request: RecordedChatRequest, index: number) => string | ScriptedAnswer);

export interface ScriptedModelServerOptions {
  /** Answers in order (one per request), or a function that picks one per request. */
  readonly answers: ScriptedAnswerSource;
  /** When set, requests without `authorization: Bearer <apiKey>` get HTTP 401. */
  readonly apiKey?: string;
  readonly host?: string;
  readonly port?: number;
}

export interface ScriptedModelServer {
  /** The base URL to configure (`http://127.0.0.1:PORT/v1`). */
  readonly baseUrl: string;
  /** Every chat-completions request received, in order. */
  readonly requests: readonly RecordedChatRequest[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol and
 * answers from a script: for tests, benchmarks and the offline demo. When an array script
 * runs out it answers HTTP 500, so a runaway loop ends instead of looping forever.
 */
export async function startScriptedModelServer(
  options: ScriptedModelServerOptions,
): Promise<ScriptedModelServer> {
  const requests: RecordedChatRequest[] = [];
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      send(response, 500, { error: { message: error instanceof Error ? error.message : String(error) } });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      send(response, 404, { error: { message: `no route ${request.method} ${request.url}` } });
      return;
    }
    const body = JSON.parse(await readBody(request)) as {
      model?: unknown;
      messages?: Array<{ role?: unknown; content?: unknown }>;
    };
    const header = request.headers.authorization ?? '';
    const recorded: RecordedChatRequest = {
      model: String(body.model ?? ''),
      messages: (body.messages ?? []).map((message) => ({
        role: String(message.role ?? ''),
        content: String(message.content ?? ''),
      })),
      hasAuthorization: header.startsWith('Bearer '),
      isAuthorized: options.apiKey === undefined || header === `Bearer ${options.apiKey}`,
    };
    const index = requests.length;
    requests.push(recorded);
    if (!recorded.isAuthorized) {
      send(response, 401, { error: { message: 'invalid api key' } });
      return;
    }
    const answer = pickAnswer(options.answers, recorded, index);
    if (answer === undefined) {
      send(response, 500, { error: { message: `script exhausted after ${index} answers` } });
      return;
    }
    const scripted = typeof answer === 'string' ? { content: answer } : answer;
    if (scripted.status !== undefined) {
      send(response, scripted.status, { error: { message: scripted.content } });
      return;
    }
    const promptTokens = scripted.promptTokens ?? Math.ceil(JSON.stringify(recorded.messages).length / 4);
    const completionTokens = scripted.completionTokens ?? Math.ceil(scripted.content.length / 4);
    send(response, 200, {
      id: `chatcmpl-scripted-${index}`,
      object: 'chat.completion',
      created: 0,
      model: recorded.model,
      choices: [
        { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: scripted.content } },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    baseUrl: `http://${options.host ?? '127.0.0.1'}:${address.port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function pickAnswer(
  source: ScriptedAnswerSource,
  request: RecordedChatRequest,
  index: number,
): string | ScriptedAnswer | undefined {
  return typeof source === 'function' ? source(request, index) : source[index];
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, json: unknown): void {
  const text = JSON.stringify(json);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
