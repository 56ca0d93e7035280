import { redactSecrets, redactValue } from './redact.js';

/** Every failure healing reports has one of these codes; apps map them to exit codes. */
export const HEALING_ERROR_CODES = [
  'INVALID_INPUT',
  'CONFIG_INVALID',
  'UNSAFE_PATH',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'VERSION_CONFLICT',
  'NOT_FAST_FORWARD',
  'GITHUB_CONFLICT',
  'GITHUB_REQUEST_FAILED',
  'RATE_LIMITED',
  'AUTH_FAILED',
  'PATCH_PARSE_FAILED',
  'PATCH_CONFLICT',
  'PATCH_UNSUPPORTED',
  'GIT_FAILED',
  'COMMAND_FAILED',
  'COMMAND_TIMEOUT',
  'COMMAND_ABORTED',
  'REPORT_PARSE_FAILED',
  'CACHE_CORRUPT',
  'CACHE_CLOSED',
  'DEPENDENCY_MISSING',
  'ENVIRONMENT_UNSUPPORTED',
  'UNSUPPORTED',
  'MODEL_FAILED',
  'BUDGET_EXCEEDED',
  'GUARDRAIL_VIOLATION',
  'INTERNAL',
] as const;

export type HealingErrorCode = (typeof HEALING_ERROR_CODES)[number];

export interface HealingErrorOptions {
  readonly cause?: unknown;
  /** Structured facts about the failure (paths, shas, hunk numbers); redacted like the message. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Values known to be secret (tokens, keys) that must not appear in the message or details. */
  readonly secrets?: readonly string[];
}

/**
 * The one error class of healing. The message names the thing that failed and what to do;
 * it is redacted before the error exists, so no token can leak through it.
 */
export class HealingError extends Error {
  readonly code: HealingErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: HealingErrorCode, message: string, options: HealingErrorOptions = {}) {
    const secrets = options.secrets ?? [];
    const cause = options.cause === undefined ? undefined : redactCause(options.cause, secrets);
    super(redactSecrets(message, secrets), cause === undefined ? undefined : { cause });
    this.name = 'HealingError';
    this.code = code;
    this.details = redactValue({ ...options.details }, secrets);
  }

  toJSON(): { name: string; code: HealingErrorCode; message: string; details: Record<string, unknown> } {
    return { name: this.name, code: this.code, message: this.message, details: { ...this.details } };
  }
}

/** A patch that cannot be parsed or applied. */
export class PatchError extends HealingError {
  constructor(
    code:
      | 'PATCH_PARSE_FAILED'
      | 'PATCH_CONFLICT'
      | 'PATCH_UNSUPPORTED'
      | 'UNSAFE_PATH'
      | 'NOT_FOUND'
      | 'ALREADY_EXISTS',
    message: string,
    options: HealingErrorOptions = {},
  ) {
    super(code, message, options);
    this.name = 'PatchError';
  }
}

/** Someone else changed the thing between our read and our write; nothing was overwritten. */
export class ConflictError extends HealingError {
  constructor(
    code: 'VERSION_CONFLICT' | 'NOT_FAST_FORWARD' | 'GITHUB_CONFLICT',
    message: string,
    options: HealingErrorOptions = {},
  ) {
    super(code, message, options);
    this.name = 'ConflictError';
  }
}

/** Configuration or options that fail validation; the message names the key and the allowed values. */
export class ConfigError extends HealingError {
  constructor(message: string, options: HealingErrorOptions = {}) {
    super('CONFIG_INVALID', message, options);
    this.name = 'ConfigError';
  }
}

export function isHealingError(error: unknown, code?: HealingErrorCode): error is HealingError {
  return error instanceof HealingError && (code === undefined || error.code === code);
}

/** Wraps anything thrown into a HealingError, keeping HealingErrors as they are. */
export function toHealingError(error: unknown, code: HealingErrorCode, context: string): HealingError {
  if (error instanceof HealingError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new HealingError(code, `${context}: ${reason}`, { cause: error });
}

// A cause is logged with the error (util.inspect prints it), so it is redacted as well.
function redactCause(cause: unknown, secrets: readonly string[]): unknown {
  if (cause instanceof HealingError || !(cause instanceof Error)) return redactValue(cause, secrets);
  const message = redactSecrets(cause.message, secrets);
  const stack = cause.stack === undefined ? undefined : redactSecrets(cause.stack, secrets);
  if (message === cause.message && stack === cause.stack) return cause;
  const copy = new Error(message);
  copy.name = cause.name;
  if (stack !== undefined) copy.stack = stack;
  return copy;
}
