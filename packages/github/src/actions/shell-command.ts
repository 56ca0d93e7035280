import { HealingError } from '@healing/adapters';

/** Quotes one word for POSIX sh: everything literal. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The command line the workflow runs: variables exported, the directory entered, then the command. */
export function toShellCommand(spec: {
  readonly command: string | readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(spec.env ?? {})) {
    if (!ENV_NAME.test(name)) {
      throw new HealingError(
        'INVALID_INPUT',
        `environment variable name ${JSON.stringify(name)} is not valid: use letters, digits and _`,
        {
          details: { name },
        },
      );
    }
    parts.push(`export ${name}=${shellQuote(value)}`);
  }
  if (spec.cwd !== undefined && spec.cwd !== '' && spec.cwd !== '.') {
    if (spec.cwd.startsWith('/') || spec.cwd.split('/').includes('..')) {
      throw new HealingError(
        'UNSAFE_PATH',
        `cwd ${JSON.stringify(spec.cwd)} must be relative to the repository root on the runner`,
        {
          details: { cwd: spec.cwd },
        },
      );
    }
    parts.push(`cd ${shellQuote(spec.cwd)}`);
  }
  const command = typeof spec.command === 'string' ? spec.command : spec.command.map(shellQuote).join(' ');
  if (command.trim() === '')
    throw new HealingError('INVALID_INPUT', 'the command is empty: pass a command to run');
  parts.push(command);
  return parts.join(' && ');
}
