import type { HealReport } from '@healing/adapters';
import { EXIT } from './exit-codes.js';

/**
 * 0 green, flaky or healed; 1 not healed; 3 when the tests could not run in the user's own
 * checkout (a missing dependency there is the machine's problem, not a failure to heal).
 */
export function reportExitCode(report: HealReport): number {
  if (report.outcome !== 'not-healed') return EXIT.ok;
  return report.environment?.where === 'checkout' ? EXIT.environment : EXIT.notHealed;
}
