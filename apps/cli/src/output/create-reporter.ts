import { redactValue } from '@healing/adapters';
import type { HealEvent } from '@healing/engine';
import type { CliIo } from '../io.js';
import { colorsFor } from './colors.js';
import { describeEvent } from './describe-event.js';
import { formatDuration } from './format-duration.js';

export type OutputMode = 'tty' | 'plain' | 'json';

export interface ReporterOptions {
  readonly io: CliIo;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
  readonly now?: () => number;
}

export interface Reporter {
  readonly mode: OutputMode;
  readonly colors: ReturnType<typeof colorsFor>;
  onEvent(event: HealEvent): void;
  /** A command the heal runs; shown only with --verbose. */
  command(argv: string | readonly string[], cwd: string | undefined): void;
  info(text: string): void;
  /** Emits the final result: JSON as one line with --json, text otherwise (even with --quiet). */
  result(text: string, json: unknown): void;
  close(): void;
}

const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * Shows a heal as it goes: a spinner with elapsed time on a terminal, plain lines when
 * piped, JSON lines with --json. Libraries never print; this is the one place that does.
 */
export function createReporter(options: ReporterOptions): Reporter {
  const { io } = options;
  const now = options.now ?? Date.now;
  const mode: OutputMode = options.json ? 'json' : io.stderr.isTTY ? 'tty' : 'plain';
  const colors = colorsFor(mode === 'tty', io.env);
  let spinner: { label: string; startedAt: number; timer: NodeJS.Timeout; frame: number } | null = null;

  const clearSpinner = (): void => {
    if (!spinner) return;
    clearInterval(spinner.timer);
    io.stderr.write('\r\x1b[2K');
    spinner = null;
  };
  const drawSpinner = (): void => {
    if (!spinner) return;
    spinner.frame = (spinner.frame + 1) % SPINNER_FRAMES.length;
    const elapsed = formatDuration(now() - spinner.startedAt);
    io.stderr.write(
      `\r\x1b[2K${colors.cyan(SPINNER_FRAMES[spinner.frame] ?? '')} ${spinner.label} ${colors.dim(elapsed)}`,
    );
  };
  const line = (text: string): void => {
    if (options.quiet) return;
    clearSpinner();
    io.stderr.write(`${text}\n`);
  };

  return {
    mode,
    colors,
    onEvent(event) {
      if (mode === 'json') {
        io.stdout.write(`${JSON.stringify(redactValue({ event: event.type, ...event }))}\n`);
        return;
      }
      const described = describeEvent(event, colors);
      if (!described || options.quiet) return;
      if (described.kind === 'start' && mode === 'tty') {
        clearSpinner();
        spinner = { label: described.text, startedAt: now(), frame: 0, timer: setInterval(drawSpinner, 80) };
        spinner.timer.unref();
        drawSpinner();
        return;
      }
      if (described.kind === 'start') return;
      line(described.text);
    },
    command(argv, cwd) {
      if (!options.verbose) return;
      if (mode === 'json') {
        io.stdout.write(
          `${JSON.stringify(redactValue({ event: 'command', command: argv, cwd: cwd ?? null }))}\n`,
        );
        return;
      }
      const text = typeof argv === 'string' ? argv : argv.join(' ');
      line(colors.dim(`$ ${text}${cwd ? `  (in ${cwd})` : ''}`));
    },
    info(text) {
      if (mode === 'json') return;
      line(text);
    },
    result(text, json) {
      clearSpinner();
      if (mode === 'json')
        io.stdout.write(`${JSON.stringify(redactValue({ event: 'result', result: json }))}\n`);
      else io.stdout.write(`${text}\n`);
    },
    close() {
      clearSpinner();
    },
  };
}
