import { TEST_REPORT_FORMATS } from '@healing/adapters';
import { z } from 'zod';

// An argv's later arguments may be empty strings; the program name may not.
const CommandLineSchema = z.union([
  z.string().min(1),
  z
    .array(z.string())
    .min(1)
    .refine((argv) => argv[0] !== '', 'the program (first element) must not be empty'),
]);

const CommandConfigSchema = z.strictObject({
  command: CommandLineSchema,
  timeoutMs: z.number().int().positive().default(600_000),
  env: z.record(z.string(), z.string()).optional(),
});

/** The token a focus command holds where the failing test files go. */
export const FILES_PLACEHOLDER = '{files}';

const TestCommandConfigSchema = CommandConfigSchema.extend({
  /**
   * Runs only some test files, e.g. `npx vitest run {files}`: flaky reruns and the repeated
   * validation runs use it; one full-suite run still checks that nothing else broke.
   */
  focusCommand: CommandLineSchema.refine(
    (command) => command.includes(FILES_PLACEHOLDER),
    `must contain ${FILES_PLACEHOLDER} where the test files go (an argv element of its own, or in the shell line)`,
  ).optional(),
  report: z
    .strictObject({
      format: z.enum([...TEST_REPORT_FORMATS, 'auto']).default('auto'),
      path: z.string().min(1).optional(),
    })
    .optional(),
});

const AutofixCommandSchema = CommandConfigSchema.extend({ name: z.string().min(1) });

/** Globs that name test files when the config does not: JS/TS, Python and Go conventions. */
export const DEFAULT_TEST_FILE_GLOBS = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/test_*.py',
  '**/*_test.py',
  '**/*_test.go',
] as const;

/** Paths no heal ever changes, whatever the config adds. */
export const ALWAYS_PROTECTED_PATHS = ['.github/**'] as const;

const GuardrailsSchema = z.strictObject({
  protectedPaths: z.array(z.string().min(1)).default([]),
  testFiles: z.array(z.string().min(1)).default([...DEFAULT_TEST_FILE_GLOBS]),
  maxChangedLines: z.number().int().positive().default(200),
  maxChangedFiles: z.number().int().positive().default(10),
});

const ValidationSchema = z.strictObject({
  /** Full-suite runs a candidate must pass; each must show the failing tests passing. */
  repeat: z.number().int().min(1).max(20).default(2),
});

const FlakySchema = z.strictObject({
  enabled: z.boolean().default(true),
  reruns: z.number().int().min(1).max(50).default(3),
  delayMs: z.number().int().nonnegative().default(0),
  /**
   * When every failing test is flaky, propose adding them to a quarantine list (JSON) that CI
   * can read to stop trusting them, instead of changing no file at all. Off by default.
   */
  quarantine: z
    .strictObject({
      enabled: z.boolean().default(false),
      path: z.string().min(1).default('.healing/quarantine.json'),
    })
    .prefault({}),
});

const RegressionSchema = z.strictObject({
  enabled: z.boolean().default(true),
  goodRevision: z.string().min(1).optional(),
  /** How far back the search for a green commit may step when no good revision is known. */
  maxStepBack: z.number().int().min(1).max(10_000).default(64),
  maxCommits: z.number().int().min(1).max(100_000).default(2_000),
});

const AutofixSchema = z.strictObject({
  enabled: z.boolean().default(true),
  commands: z.array(AutofixCommandSchema).default([]),
});

const ModelSchema = z.strictObject({
  enabled: z.boolean().default(false),
  baseUrl: z.url().default('https://api.openai.com/v1'),
  model: z.string().min(1).default('gpt-4o-mini'),
  /** Name of the environment variable holding the API key; the key itself is never configured. */
  apiKeyEnv: z.string().min(1).default('OPENAI_API_KEY'),
  maxAttempts: z.number().int().min(1).max(20).default(3),
  maxTokens: z.number().int().positive().default(60_000),
  maxWallMs: z.number().int().positive().default(300_000),
  requestTimeoutMs: z.number().int().positive().default(120_000),
  maxContextBytes: z.number().int().positive().default(60_000),
  historyCommits: z.number().int().nonnegative().max(50).default(5),
  temperature: z.number().min(0).max(2).default(0),
});

const StrategiesSchema = z.strictObject({
  flaky: FlakySchema.prefault({}),
  regression: RegressionSchema.prefault({}),
  autofix: AutofixSchema.prefault({}),
  model: ModelSchema.prefault({}),
});

const DeliverySchema = z.strictObject({
  branchPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._/-]*$/, 'use letters, digits, ".", "_", "-" and "/" only')
    .default('heal/'),
  /** Push the heal branch when the git adapter can push (never with force). */
  push: z.boolean().default(false),
  /** Open a pull request when the git adapter can. */
  pullRequest: z.boolean().default(true),
  draft: z.boolean().default(false),
});

export const HealConfigSchema = z.strictObject({
  test: TestCommandConfigSchema,
  /**
   * Installs the project's dependencies in a fresh workspace (or Actions runner) before any
   * test, build or fixer command there, e.g. `{"command": "npm ci"}`. `false`: never. Absent:
   * detected from the lockfiles by the caller (see detectSetupCommand).
   */
  setup: z.union([CommandConfigSchema, z.literal(false)]).optional(),
  build: CommandConfigSchema.optional(),
  lint: CommandConfigSchema.optional(),
  /** The branch heals never commit to; pull requests target it. */
  defaultBranch: z.string().min(1).default('main'),
  guardrails: GuardrailsSchema.prefault({}),
  validation: ValidationSchema.prefault({}),
  strategies: StrategiesSchema.prefault({}),
  delivery: DeliverySchema.prefault({}),
});

/** The config as written by a user (defaults optional). */
export type HealConfigInput = z.input<typeof HealConfigSchema>;
/** The config after validation, every default filled in. */
export type HealConfig = z.output<typeof HealConfigSchema>;
export type CommandConfig = z.output<typeof CommandConfigSchema>;
export type TestCommandConfig = z.output<typeof TestCommandConfigSchema>;
export type ModelConfig = z.output<typeof ModelSchema>;
