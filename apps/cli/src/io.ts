export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Aborts on Ctrl-C or SIGTERM (bin/heal.js): a heal stops and cleans up instead of dying. */
  readonly signal?: AbortSignal;
}
