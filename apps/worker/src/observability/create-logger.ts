import { redactSecrets } from '@healing/adapters';
import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * Structured JSON logs. Every string that reaches a line passes redactSecrets with the
 * worker's own secrets, and authorization headers are censored by path as well.
 */
export function createLogger(options: {
  readonly level: string;
  readonly secrets: readonly string[];
  readonly destination?: DestinationStream;
}): Logger {
  const settings = {
    level: options.level,
    base: { service: 'heal-worker' },
    redact: {
      paths: ['*.authorization', '*.headers.authorization', 'token', 'secret'],
      censor: '[REDACTED]',
    },
    hooks: {
      streamWrite: (line: string) => redactSecrets(line, options.secrets),
    },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
