import { type ParseArgsConfig, parseArgs } from 'node:util';
import { HealingError } from '@healing/adapters';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node's parseArgs, with its errors turned into usage errors that say where to look. */
export function parseFlags<T extends Options>(
  command: string,
  args: readonly string[],
  options: T,
  allowPositionals = false,
): ReturnType<typeof parseArgs<{ options: T; allowPositionals: boolean; strict: true; args: string[] }>> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error);
    throw new HealingError('INVALID_INPUT', `${reason}; run \`heal ${command} --help\` for the options`, {
      cause: error,
    });
  }
}
