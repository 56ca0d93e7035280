import { type CommitInfo, type HealAttempt, isHealingError } from '@healing/adapters';
import { formatPatch, parsePatch } from '@healing/patch';
import { tryCandidate } from '../candidate/try-candidate.js';
import { buildFeedbackMessage, buildModelPrompt } from '../model/build-model-prompt.js';
import { type ChatMessage, createChatCompletionsClient } from '../model/chat-completions.js';
import { extractDiff } from '../model/extract-diff.js';
import { type ContextFile, gatherModelContext } from '../model/gather-model-context.js';
import type { HealContext } from '../run/heal-context.js';
import { withWorkspace } from '../run/with-workspace.js';
import type { StrategyResult } from './strategy-result.js';

/**
 * Asks an OpenAI-compatible model for a diff, up to `maxAttempts` times, each time telling
 * it why the previous one was refused. Stops at the first validated diff or when the
 * attempt, token or wall-time budget runs out.
 */
export async function runModelStrategy(context: HealContext): Promise<StrategyResult> {
  const config = context.config.strategies.model;
  const startedAt = context.now();
  const attempts: HealAttempt[] = [];
  const failedAttempt = (reason: string, attemptStart: number): HealAttempt => ({
    strategy: 'model',
    outcome: 'failed',
    reason,
    testRuns: 0,
    durationMs: context.now() - attemptStart,
  });
  const apiKey = context.env[config.apiKeyEnv];
  if (!apiKey && !isLoopback(config.baseUrl)) {
    return {
      attempts: [
        failedAttempt(
          `no API key: set the environment variable ${config.apiKeyEnv} (strategies.model.apiKeyEnv)`,
          startedAt,
        ),
      ],
    };
  }
  const client = createChatCompletionsClient({
    baseUrl: config.baseUrl,
    model: config.model,
    apiKey,
    fetch: context.fetch,
    sleep: context.sleep,
    timeoutMs: config.requestTimeoutMs,
    temperature: config.temperature,
  });
  const history = await context.git.log({ to: context.sha, limit: config.historyCommits });
  const messages: ChatMessage[] = buildModelPrompt({
    failedTests: context.before.failedTests.filter((test) => context.targetIds.includes(test.id)),
    files: await readContextFiles(context, history),
    history,
  });
  let tokens = 0;
  for (let number = 1; number <= config.maxAttempts; number += 1) {
    const attemptStart = context.now();
    if (attemptStart - startedAt >= config.maxWallMs) {
      attempts.push(
        failedAttempt(
          `wall-time budget of ${config.maxWallMs} ms spent (strategies.model.maxWallMs)`,
          attemptStart,
        ),
      );
      break;
    }
    if (tokens >= config.maxTokens) {
      attempts.push(
        failedAttempt(
          `token budget spent: ${tokens} of ${config.maxTokens} tokens (strategies.model.maxTokens)`,
          attemptStart,
        ),
      );
      break;
    }
    let answer: string;
    try {
      const completion = await client.complete(messages, context.signal ? { signal: context.signal } : {});
      tokens += completion.totalTokens;
      context.metrics.modelTokens += completion.totalTokens;
      answer = completion.content;
    } catch (error) {
      if (!isHealingError(error)) throw error;
      attempts.push(failedAttempt(`model request ${number} failed: ${error.message}`, attemptStart));
      break;
    }
    messages.push({ role: 'assistant', content: answer });
    const extracted = extractDiff(answer);
    if (extracted === null) {
      const reason = 'the answer holds no unified diff';
      attempts.push({
        ...failedAttempt(`model answer ${number}: not a valid diff: ${reason}`, attemptStart),
        outcome: 'rejected',
      });
      context.emit({ type: 'candidate-rejected', strategy: 'model', reason });
      messages.push(buildFeedbackMessage(`${reason}; answer with a diff in a \`\`\`diff fence`));
      continue;
    }
    // Models miscount hunk lines; like `git apply --recount`, the counts come from the lines.
    let patch: string;
    try {
      patch = formatPatch(parsePatch(extracted, { recount: true }));
    } catch (error) {
      const reason = `the diff does not parse: ${error instanceof Error ? error.message : String(error)}`;
      attempts.push({
        ...failedAttempt(`model answer ${number}: not a valid diff: ${reason}`, attemptStart),
        outcome: 'rejected',
      });
      context.emit({ type: 'candidate-rejected', strategy: 'model', reason });
      messages.push(
        buildFeedbackMessage(`${reason}; answer with a complete unified diff in a \`\`\`diff fence`),
      );
      continue;
    }
    const outcome = await tryCandidate(context, {
      strategy: 'model',
      patch,
      origin: `model answer ${number} (${config.model})`,
      startedAt: attemptStart,
    });
    attempts.push(outcome.attempt);
    if (outcome.isAccepted && outcome.after) {
      return { attempts, accepted: { attempt: outcome.attempt, after: outcome.after } };
    }
    messages.push(buildFeedbackMessage(outcome.evidence));
  }
  return { attempts };
}

async function readContextFiles(
  context: HealContext,
  history: readonly CommitInfo[],
): Promise<ContextFile[]> {
  const config = context.config.strategies.model;
  // Read before the workspace exists, so a failing git call cannot leave a worktree behind.
  const recentlyChanged = (
    await Promise.all(history.map((commit) => context.git.changedFiles(commit.sha)))
  ).flat();
  return withWorkspace(
    context,
    { revision: context.sha, label: 'model-context', prepare: false },
    (workspace) =>
      gatherModelContext({
        storage: workspace.storage,
        failedTests: context.before.failedTests,
        failingTestFiles: context.failingTestFiles,
        recentlyChanged,
        maxBytes: config.maxContextBytes,
      }),
  );
}

function isLoopback(baseUrl: string): boolean {
  const { hostname } = new URL(baseUrl);
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}
