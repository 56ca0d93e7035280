import type { DetectedCommand, HealConfig, RepositoryFiles } from '@healing/engine';
import type { ActionsSetup } from '@healing/github';

/** The parts of @healing/engine used here, passed in because the package is imported lazily. */
type EngineModule = Pick<typeof import('@healing/engine'), 'detectTestCommand' | 'detectSetupCommand'>;

export interface ResolvedCommands {
  /** The config as written, with the detected test and setup commands filled in where it names none. */
  readonly merged: Record<string, unknown>;
  /** Set when the test command was detected from the commit's files rather than configured. */
  readonly detectedTest: DetectedCommand | null;
  /** Set when the setup command was detected (the config has no `setup`, and not `false`). */
  readonly detectedSetup: DetectedCommand | null;
  /** False when the config names no test command and none was detected. */
  readonly hasTestCommand: boolean;
}

const isPlain = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Fills in what the heal config leaves out, from the commit's files, as `heal run` does in a
 * checkout: the test command (a package.json test script, pytest, go, cargo, make) and the setup
 * command that installs the dependencies (from the lockfiles). Null detections leave the
 * config as it is; the caller refuses a config that still has no test command.
 */
export async function resolveCommands(
  engine: EngineModule,
  merged: Record<string, unknown>,
  files: RepositoryFiles,
): Promise<ResolvedCommands> {
  const test = merged.test;
  const hasTestCommand = isPlain(test) && test.command !== undefined;
  const detectedTest = hasTestCommand ? null : await engine.detectTestCommand(files);
  const detectedSetup = merged.setup === undefined ? await engine.detectSetupCommand(files) : null;
  return {
    merged: {
      ...merged,
      ...(detectedTest ? { test: { ...(isPlain(test) ? test : {}), command: detectedTest.command } } : {}),
      ...(detectedSetup ? { setup: { command: detectedSetup.command } } : {}),
    },
    detectedTest,
    detectedSetup,
    hasTestCommand: hasTestCommand || detectedTest !== null,
  };
}

/** The config's setup as the Actions execution runs it, or null for none (`false`, or nothing to install). */
export function actionsSetupOf(config: HealConfig): ActionsSetup | null {
  const { setup } = config;
  if (setup === undefined || setup === false) return null;
  return { command: setup.command, timeoutMs: setup.timeoutMs, ...(setup.env ? { env: setup.env } : {}) };
}
