import type { CommandResult, TestRunResult } from './types/command-result.js';
import type { TestReportFormat } from './types/test-result.js';

export interface CommandSpec {
  /** An argv array (no shell) or a shell command line. */
  readonly command: string | readonly string[];
  readonly cwd?: string;
  /** Variables for the command, added to the adapter's allowlisted environment. */
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Bytes of stdout and of stderr kept; past it only the tail is kept. */
  readonly maxOutputBytes?: number;
  readonly input?: string;
}

/** A test the caller wants a run focused on. */
export interface FocusTest {
  readonly id: string;
  readonly name: string;
  readonly file: string | null;
}

export interface TestCommandSpec extends CommandSpec {
  /**
   * Where the runner writes its report and in which format (`auto` guesses from the content);
   * `{ format: 'exit-code' }` reads nothing. When absent, the adapter identifies the runner
   * from the command and the package manifest and asks it for a report itself.
   */
  readonly report?: { readonly format: TestReportFormat | 'auto'; readonly path?: string };
  /**
   * Run only these tests where the runner can be asked to filter (`focused` in the result
   * says whether it was); the full suite otherwise.
   */
  readonly focus?: readonly FocusTest[];
}

export interface ExecutionCapabilities {
  /** The whole process tree is ended on timeout or abort, not only the direct child. */
  readonly killsProcessTree: boolean;
  /** Commands run on another machine (e.g. GitHub Actions), not in this process's filesystem. */
  readonly remote: boolean;
}

export interface ExecutionAdapter {
  readonly name: string;
  readonly capabilities: ExecutionCapabilities;
  /** Runs a command to the end. A non-zero exit is a result, not an error; a spawn failure is COMMAND_FAILED. */
  run(spec: CommandSpec): Promise<CommandResult>;
  /** Runs a test command and parses its report into a TestResult. */
  runTests(spec: TestCommandSpec): Promise<TestRunResult>;
}
