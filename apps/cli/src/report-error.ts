import { type HealingErrorCode, isHealingError, redactSecrets } from '@healing/adapters';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

const USAGE_CODES: ReadonlySet<HealingErrorCode> = new Set(['CONFIG_INVALID', 'INVALID_INPUT']);
const ENVIRONMENT_CODES: ReadonlySet<HealingErrorCode> = new Set([
  'DEPENDENCY_MISSING',
  'ENVIRONMENT_UNSUPPORTED',
  'AUTH_FAILED',
  'GIT_FAILED',
  'CACHE_CORRUPT',
  'COMMAND_FAILED',
]);

/** The AbortError a heal ends with when Ctrl-C or SIGTERM aborted it (bin/heal.js). */
function isInterruption(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** The exit code an error stands for: 2 usage or config, 3 environment, 1 anything else. */
export function exitCodeFor(error: unknown): ExitCode {
  if (isInterruption(error)) return EXIT.interrupted;
  if (!isHealingError(error)) return EXIT.notHealed;
  if (USAGE_CODES.has(error.code)) return EXIT.usage;
  if (ENVIRONMENT_CODES.has(error.code)) return EXIT.environment;
  return EXIT.notHealed;
}

/** Prints an error the way every command does ("heal: <message>") and returns its exit code. */
export function reportError(error: unknown, io: CliIo, options: { readonly json?: boolean } = {}): ExitCode {
  const code = isHealingError(error) ? error.code : isInterruption(error) ? 'INTERRUPTED' : 'INTERNAL';
  const message = isInterruption(error)
    ? 'interrupted: the heal stopped; nothing was delivered and its workspaces were removed'
    : redactSecrets(error instanceof Error ? error.message : String(error));
  if (options.json) io.stdout.write(`${JSON.stringify({ event: 'error', code, message })}\n`);
  else io.stderr.write(`heal: ${message}\n`);
  return exitCodeFor(error);
}
