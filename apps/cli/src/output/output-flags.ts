import type { CliIo } from '../io.js';
import { createReporter, type Reporter } from './create-reporter.js';

/** The flags every command that shows progress takes. */
export const OUTPUT_FLAGS = {
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean' },
} as const;

/** The reporter those flags ask for. */
export function reporterFor(
  values: {
    readonly json?: boolean | undefined;
    readonly quiet?: boolean | undefined;
    readonly verbose?: boolean | undefined;
  },
  io: CliIo,
): Reporter {
  return createReporter({
    io,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    verbose: values.verbose ?? false,
  });
}
