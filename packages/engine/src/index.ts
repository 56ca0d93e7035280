export { type JudgeOptions, judgeTestRun, type TestRunJudgement } from './candidate/judge-test-run.js';
export {
  ALWAYS_PROTECTED_PATHS,
  DEFAULT_TEST_FILE_GLOBS,
  type HealConfig,
  type HealConfigInput,
  HealConfigSchema,
} from './config/heal-config.js';
export { mergeHealConfig } from './config/merge-config.js';
export { parseHealConfig } from './config/parse-heal-config.js';
export {
  CONFIG_FILE_NAMES,
  parseConfigText,
  type RawHealConfig,
  type ReadRepositoryText,
  readRawHealConfig,
} from './config/read-raw-config.js';
export {
  type DeliverOptions,
  type DeliveryResult,
  deliverHeal,
  healBranchName,
} from './deliver/deliver-heal.js';
export { detectSetupCommand } from './detect/detect-setup-command.js';
export { type DetectedCommand, detectTestCommand } from './detect/detect-test-command.js';
export type { RepositoryFiles } from './detect/repository-files.js';
export type { HealEvent, HealEventListener, HealEventType } from './events.js';
export { failureFingerprint, shortFingerprint } from './fingerprint/failure-fingerprint.js';
export { errorSignature, normalizeFailureText } from './fingerprint/normalize-failure-text.js';
export {
  checkGuardrails,
  type GuardrailOptions,
  type GuardrailRule,
  type GuardrailViolation,
} from './guardrails/check-guardrails.js';
export type { PatchFileSummary, PatchSummary } from './guardrails/patch-summary.js';
export { heal } from './heal.js';
export {
  type ChatCompletion,
  type ChatCompletionsClient,
  type ChatCompletionsClientOptions,
  type ChatMessage,
  createChatCompletionsClient,
} from './model/chat-completions.js';
export { extractDiff } from './model/extract-diff.js';
export {
  type FlakyStatistics,
  findPreviousHeal,
  type HealHistoryOptions,
  readFlakyStatistics,
  readHealHistory,
  readLastGreen,
  recordHeal,
} from './report/heal-history.js';
export { renderPullRequestBody } from './report/render-pull-request-body.js';
export type { HealOptions } from './run/heal-options.js';
export {
  type BisectOptions,
  type BisectResult,
  type BisectStep,
  type BisectVerdict,
  bisect,
} from './strategies/bisect.js';
