import { HealingError } from '@healing/adapters';

export function reportParseError(format: string, reason: string, cause?: unknown): HealingError {
  return new HealingError(
    'REPORT_PARSE_FAILED',
    `test report is not valid ${format}: ${reason}; check the runner's reporter option or pass format 'auto'`,
    cause === undefined ? { details: { format } } : { cause, details: { format } },
  );
}
