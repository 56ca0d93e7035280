export {
  ALWAYS_PROTECTED_PATHS,
  DEFAULT_TEST_FILE_GLOBS,
  type HealConfig,
  type HealConfigInput,
  HealConfigSchema,
} from './config/heal-config.js';
export { parseHealConfig } from './config/parse-heal-config.js';
export { failureFingerprint, shortFingerprint } from './fingerprint/failure-fingerprint.js';
export { errorSignature, normalizeFailureText } from './fingerprint/normalize-failure-text.js';
export {
  checkGuardrails,
  type GuardrailOptions,
  type GuardrailRule,
  type GuardrailViolation,
} from './guardrails/check-guardrails.js';
export type { PatchFileSummary, PatchSummary } from './guardrails/patch-summary.js';
export {
  type ChatCompletion,
  type ChatCompletionsClient,
  type ChatCompletionsClientOptions,
  type ChatMessage,
  createChatCompletionsClient,
} from './model/chat-completions.js';
export { extractDiff } from './model/extract-diff.js';
export {
  type BisectOptions,
  type BisectResult,
  type BisectStep,
  type BisectVerdict,
  bisect,
} from './strategies/bisect.js';
