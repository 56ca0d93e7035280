/** Variables a command may see from the parent environment; everything else (tokens, keys) stays out. */
export const DEFAULT_ALLOWED_ENV = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'LC_MESSAGES',
  'TERM',
  'TZ',
  'TMPDIR',
  'TMP',
  'TEMP',
  'CI',
  'NO_COLOR',
  'FORCE_COLOR',
] as const;

export type EnvSource = Readonly<Record<string, string | undefined>>;

export interface CommandEnvOptions {
  /** The parent environment to pick from (default: process.env). */
  readonly source: EnvSource;
  /** Extra names allowed through besides DEFAULT_ALLOWED_ENV. */
  readonly allowEnv?: readonly string[];
  /** Variables set for this command; they win over inherited ones. */
  readonly extra?: Readonly<Record<string, string>>;
}

/** Builds a child's environment from an allowlist, so a parent's secrets never reach it. */
export function buildCommandEnv(options: CommandEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...DEFAULT_ALLOWED_ENV, ...(options.allowEnv ?? [])]) {
    const value = options.source[name];
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...options.extra };
}
